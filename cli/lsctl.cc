#include "cli/lsctl.h"

#include <exception>

#include "CLI/CLI.hpp"
#include "cli/commands.h"
#include "cli/options.h"
#include "lightshow/version.h"

namespace ls::cli {
namespace {

void AddGlobalOptions(CLI::App& app, GlobalOptions& o) {
  app.add_option("--server", o.server, "server address HOST:PORT (default: DATADIR/server.addr)");
  app.add_option("--token-file", o.token_file, "bearer token file (default: DATADIR/token)");
  app.add_option("--data-dir", o.data_dir,
                 "DATADIR (default: $LIGHTSHOW_DATA_DIR, else ~/.local/share/lightshow)");
  app.add_flag("--json", o.json, "print one JSON document on stdout instead of text");
  app.add_option("--timeout", o.timeout_s, "deadline of simple calls, seconds")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--ca", o.ca, "TLS: PEM CA that signed the server's certificate (plaintext without it)");
  app.add_option("--cert", o.cert, "mutual TLS: client PEM certificate (with --key and --ca)");
  app.add_option("--key", o.key, "mutual TLS: the PEM private key of --cert");
}

}  // namespace

int RunLsctl(int argc, char** argv, const Io& io) {
  Context ctx(io);
  CLI::App app{"Control a Lightshow server: submit songs, play their light shows, watch agents.",
               "lsctl"};
  // Global options may also follow the command (`lsctl songs --json`); must be
  // set before the subcommands are added, which inherit it.
  app.fallthrough();
  app.require_subcommand(1);
  app.set_version_flag("--version", "lsctl " LIGHTSHOW_VERSION);
  AddGlobalOptions(app, ctx.options());
  AddSubmitCommand(app, ctx);
  AddSongsCommands(app, ctx);
  AddPlayCommands(app, ctx);
  AddWatchCommand(app, ctx);
  AddAgentsCommand(app, ctx);
  AddTokensCommands(app, ctx);
  AddTrainCommand(app, ctx);
  AddJobsCommands(app, ctx);
  AddModelsCommands(app, ctx);
  AddReportCommand(app, ctx);
  AddClassifyCommands(app, ctx);
  AddExportCommand(app, ctx);
  AddPreviewCommand(app, ctx);
  AddDeleteCommands(app, ctx);
  AddPlaylistCommands(app, ctx);
  AddScheduleCommands(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (dynamic_cast<const CLI::CallForVersion*>(&e) != nullptr) {
      io.out << e.what() << "\n";
      return 0;
    }
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      return app.exit(e, io.out, io.err);  // --help
    }
    io.err << "lsctl: error: " << e.what() << "\nRun with --help for more information.\n";
    return 2;
  }
  if (!ctx.action) return 2;
  try {
    return ctx.action();
  } catch (const std::exception& e) {
    // Nothing below should throw; if it does, still honour the error contract.
    return ctx.Fail("INTERNAL", e.what());
  }
}

int RunLsctl(int argc, char** argv, std::ostream& out, std::ostream& err) {
  return RunLsctl(argc, argv, Io{out, err, false, false});
}

}  // namespace ls::cli
