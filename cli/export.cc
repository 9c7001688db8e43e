// lsctl export SONG --fseq FILE [--step-ms N] [--compression zstd|zlib|none] [--media NAME]:
// the song's show as an FSEQ v2 file for Falcon Player / xLights.
#include <memory>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/fseq.h"
#include "cli/output.h"
#include "cli/show_fetch.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

struct ExportArgs {
  std::string song;
  std::string fseq;
  int step_ms = 25;
  std::string compression = "zstd";
  std::string media;
};

// The media name FPP looks for next to the sequence: the uploaded file's
// name (without any directory).
std::string DefaultMedia(const pb::Song& song) {
  const std::string& n = song.name();
  size_t slash = n.find_last_of('/');
  return slash == std::string::npos ? n : n.substr(slash + 1);
}

int RunExport(Context& ctx, const ExportArgs& a) {
  // Every local check before the server is asked anything.
  if (a.fseq.empty()) return ctx.Fail("INVALID_ARGUMENT", "give the output file with --fseq FILE");
  if (auto st = CheckStepMs(a.step_ms); !st.ok()) return ctx.Fail(st);
  auto comp = ParseFseqCompression(a.compression);
  if (!comp.ok()) return ctx.Fail(comp.status());
  if (std::string why = CheckOutputPath(a.fseq); !why.empty()) return ctx.Fail("INVALID_ARGUMENT", why);
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  pb::ShowExport show;
  grpc::Status st = FetchShow(**conn, a.song, false, ctx.options().timeout_s, &show, nullptr);
  if (!st.ok()) return ctx.FailRpc(st);
  const int channels = static_cast<int>(show.show().channels());
  const int bpf = (channels + 7) / 8;
  std::string steps = ResampleMasks(show.masks(), bpf, show.show().frame_period_ns(), a.step_ms);
  FseqOptions o;
  o.step_ms = a.step_ms;
  o.compression = *comp;
  o.media = a.media.empty() ? DefaultMedia(show.song()) : a.media;
  o.producer = "Lightshow (lsctl export)";
  auto bytes = WriteFseq(steps, channels, o);
  if (!bytes.ok()) return ctx.Fail(bytes.status());
  if (auto w = WriteOutputFile(a.fseq, *bytes); !w.ok()) return ctx.Fail(w);
  const size_t frames = steps.size() / static_cast<size_t>(bpf);
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"file", a.fseq},
                             {"song_id", show.song().id()},
                             {"show_id", show.show().id()},
                             {"channels", channels},
                             {"frames", frames},
                             {"step_ms", a.step_ms},
                             {"compression", a.compression},
                             {"media", o.media},
                             {"bytes", bytes->size()}});
  } else {
    ctx.io().out << "wrote " << a.fseq << ": " << frames << " frames x " << channels << " channels, "
                 << a.step_ms << " ms, " << a.compression << ", media " << o.media << " (" << bytes->size()
                 << " bytes)\n";
  }
  return 0;
}

}  // namespace

void AddExportCommand(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand("export", "Write a song's show as an FSEQ v2 file (Falcon Player, xLights)");
  cmd->add_option("SONG", a->song, "song id or a unique prefix")->required();
  cmd->add_option("--fseq", a->fseq, "output .fseq file")->required();
  cmd->add_option("--step-ms", a->step_ms, "frame step of the file in ms, 10..255 (FPP: 20, 25 or 50)")
      ->capture_default_str();
  cmd->add_option("--compression", a->compression, "zstd, zlib or none")->capture_default_str();
  cmd->add_option("--media", a->media, "media file name stored in the file (default: the song's file name)");
  cmd->callback([&ctx, a] { ctx.action = [&ctx, a] { return RunExport(ctx, *a); }; });
}

}  // namespace ls::cli
