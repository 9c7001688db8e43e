#pragma once
/// Global lsctl options and the per-run context handed to every command.

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/support/status.h"
#include "cli/lsctl.h"

namespace ls::cli {

class Connection;

/// Options shared by every command (given before or after the command name).
struct GlobalOptions {
  std::string server;      ///< HOST:PORT; empty = read DATADIR/server.addr
  std::string token_file;  ///< empty = DATADIR/token
  std::string data_dir;    ///< empty = $LIGHTSHOW_DATA_DIR or ~/.local/share/lightshow
  bool json = false;       ///< one JSON document on stdout instead of text
  double timeout_s = 10;   ///< deadline of unary calls
  std::string ca;          ///< --ca: TLS, verifying the server with this CA; empty = plaintext
  std::string cert;        ///< --cert/--key: client certificate for mutual TLS
  std::string key;
};

/// One lsctl run: its streams, options and (lazily) its server connection.
/// Single-threaded; not copyable because it owns the connection.
class Context {
 public:
  explicit Context(const Io& io);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  const Io& io() const { return io_; }
  GlobalOptions& options() { return options_; }
  const GlobalOptions& options() const { return options_; }

  /// Resolves address and token and opens the channel on first use. The
  /// error names the file or value that was wrong.
  absl::StatusOr<Connection*> Connect();

  /// Prints `lsctl: error: <message>` on stderr (and, with --json, an
  /// {"error":{"code","message"}} document on stdout). Returns `exit_code`.
  int Fail(const std::string& code, const std::string& message, int exit_code = 1);

  /// Fail() for a local error; the code is the status code's name.
  int Fail(const absl::Status& status, int exit_code = 1);

  /// Fail() for a failed RPC: the status code name and the server's message,
  /// plus a hint for the usual causes (server down, wrong token, too slow).
  int FailRpc(const grpc::Status& status);

  /// The command chosen on the command line; set while parsing.
  std::function<int()> action;

 private:
  Io io_;
  GlobalOptions options_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace ls::cli
