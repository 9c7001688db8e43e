#include "cli/client.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"
#include "cli/json.h"
#include "tls/tls_credentials.h"

namespace ls::cli {
namespace {

absl::StatusOr<std::string> ReadSmallFile(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read ", what, " ", path, ": ", std::strerror(errno)));
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat("cannot read ", what, " ", path, ": read error"));
  }
  return buf.str();
}

}  // namespace

absl::StatusOr<std::string> ResolveDataDir(const std::string& flag, const char* env_data_dir,
                                           const char* home) {
  if (!flag.empty()) return flag;
  if (env_data_dir != nullptr && *env_data_dir != '\0') return std::string(env_data_dir);
  if (home != nullptr && *home != '\0') return absl::StrCat(home, "/.local/share/lightshow");
  return absl::FailedPreconditionError(
      "no data dir: set LIGHTSHOW_DATA_DIR or HOME, or pass --server and --token-file");
}

absl::StatusOr<std::string> ParseServerAddress(const std::string& text) {
  const std::string addr(absl::StripAsciiWhitespace(text));
  const auto bad = [&](const std::string& why) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad server address \"", addr, "\": ", why, " (want HOST:PORT)"));
  };
  if (addr.empty()) return bad("empty");
  const size_t colon = addr.rfind(':');
  if (colon == std::string::npos) return bad("no port");
  std::string host = addr.substr(0, colon);
  const std::string port_text = addr.substr(colon + 1);
  uint32_t port = 0;
  if (!absl::SimpleAtoi(port_text, &port) || port == 0 || port > 65535 ||
      port_text.find_first_not_of("0123456789") != std::string::npos) {
    return bad("port must be 1-65535");
  }
  if (host.empty()) return bad("no host");
  if (host.front() == '[') {
    if (host.back() != ']' || host.size() < 3) return bad("unclosed [IPv6] host");
  } else if (host.find(':') != std::string::npos) {
    return bad("put an IPv6 host in brackets, e.g. [::1]:PORT");
  }
  if (host.find_first_of(" \t/") != std::string::npos) return bad("invalid host");
  // A server bound to every interface writes the wildcard; dial loopback instead.
  if (host == "0.0.0.0") host = "127.0.0.1";
  if (host == "[::]") host = "[::1]";
  return absl::StrCat(host, ":", port);
}

absl::StatusOr<std::string> ReadServerAddressFile(const std::string& path) {
  auto text = ReadSmallFile(path, "server address file");
  if (!text.ok()) {
    return absl::NotFoundError(absl::StrCat(
        text.status().message(),
        " (is lightshow-server running? it writes this file on start; or pass --server HOST:PORT)"));
  }
  auto addr = ParseServerAddress(text->substr(0, text->find('\n')));
  if (!addr.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", addr.status().message()));
  }
  return addr;
}

absl::StatusOr<std::string> ReadTokenFile(const std::string& path) {
  auto text = ReadSmallFile(path, "token file");
  if (!text.ok()) {
    return absl::NotFoundError(absl::StrCat(
        text.status().message(),
        " (lightshow-server creates DATADIR/token on first start; or pass --token-file FILE)"));
  }
  const std::string token(absl::StripAsciiWhitespace(*text));
  if (token.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("token file ", path, " is empty"));
  }
  for (const char c : token) {
    // gRPC rejects header values outside printable ASCII; say so up front.
    if (c < 0x21 || c > 0x7e) {
      return absl::InvalidArgumentError(absl::StrCat(
          "token file ", path, " holds more than one printable token (whitespace or binary inside)"));
    }
  }
  return token;
}

absl::StatusOr<Endpoint> ResolveEndpoint(const GlobalOptions& options, const char* env_data_dir,
                                         const char* home) {
  Endpoint endpoint;
  std::string data_dir;
  if (options.server.empty() || options.token_file.empty()) {
    auto dir = ResolveDataDir(options.data_dir, env_data_dir, home);
    if (!dir.ok()) return dir.status();
    data_dir = *dir;
  }
  if (!options.server.empty()) {
    auto addr = ParseServerAddress(options.server);
    if (!addr.ok()) return addr.status();
    endpoint.address = *addr;
  } else {
    auto addr = ReadServerAddressFile(data_dir + "/server.addr");
    if (!addr.ok()) return addr.status();
    endpoint.address = *addr;
  }
  auto token = ReadTokenFile(options.token_file.empty() ? data_dir + "/token" : options.token_file);
  if (!token.ok()) return token.status();
  endpoint.token = *token;
  auto credentials = tls::MakeChannelCredentials({options.ca, options.cert, options.key});
  if (!credentials.ok()) return credentials.status();
  endpoint.credentials = *credentials;
  return endpoint;
}

std::string StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK: return "OK";
    case grpc::StatusCode::CANCELLED: return "CANCELLED";
    case grpc::StatusCode::UNKNOWN: return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND: return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::StatusCode::UNAUTHENTICATED: return "UNAUTHENTICATED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED: return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL: return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS: return "DATA_LOSS";
    default: return absl::StrCat("CODE_", static_cast<int>(code));
  }
}

std::string DescribeRpcError(const grpc::Status& status, const std::string& address,
                             double timeout_s) {
  std::string text = absl::StrCat(StatusCodeName(status.error_code()), ": ",
                                  status.error_message());
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      return absl::StrCat("cannot reach lightshow-server at ", address, " (", text,
                          "); is it running? start it with `lightshow-server --listen ", address,
                          " --data-dir DIR`, or pass --server HOST:PORT; a server with TLS needs "
                          "--ca (and --cert/--key for mutual TLS)");
    case grpc::StatusCode::UNAUTHENTICATED:
      return absl::StrCat(text, " (check the token: --token-file, default DATADIR/token)");
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return absl::StrCat(text, " (no answer from ", address, " in time; unary calls wait ",
                          timeout_s, " s, see --timeout)");
    default:
      return text;
  }
}

absl::Status RpcFailure(const grpc::Status& status, const std::string& address, double timeout_s) {
  // Context::Fail names the code with absl's names, the same as StatusCodeName's.
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      DescribeRpcError(status, address, timeout_s));
}

std::chrono::milliseconds SecondsToMs(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000.0));
}

std::chrono::milliseconds UploadTimeout(uint64_t size_bytes, double min_s) {
  const double mib = static_cast<double>(size_bytes) / (1024.0 * 1024.0);
  const double seconds = 30.0 + 2.0 * mib;
  return SecondsToMs(seconds > min_s ? seconds : min_s);
}

Connection::Connection(Endpoint endpoint) : endpoint_(std::move(endpoint)) {
  grpc::ChannelArguments args;
  // Keepalive notices a vanished server during long calls (uploads, WatchShow).
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 60000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20000);
  args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 0);
  args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
  channel_ = grpc::CreateCustomChannel(
      endpoint_.address,
      endpoint_.credentials ? endpoint_.credentials : grpc::InsecureChannelCredentials(), args);
  stub_ = lightshow::v1::Control::NewStub(channel_);
}

std::unique_ptr<grpc::ClientContext> Connection::NewContext(
    std::chrono::milliseconds timeout) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(std::chrono::system_clock::now() + timeout);
  ctx->AddMetadata("authorization", "Bearer " + endpoint_.token);
  return ctx;
}

// ---------------------------------------------------------------- Context

Context::Context(const Io& io) : io_(io) {}
Context::~Context() = default;

absl::StatusOr<Connection*> Context::Connect() {
  if (connection_ == nullptr) {
    auto endpoint = ResolveEndpoint(options_, std::getenv("LIGHTSHOW_DATA_DIR"),
                                    std::getenv("HOME"));
    if (!endpoint.ok()) return endpoint.status();
    connection_ = std::make_unique<Connection>(std::move(*endpoint));
  }
  return connection_.get();
}

int Context::Fail(const std::string& code, const std::string& message, int exit_code) {
  io_.err << "lsctl: error: " << message << "\n";
  if (options_.json) {
    PrintJson(io_.out, {{"error", {{"code", code}, {"message", message}}}});
  }
  return exit_code;
}

int Context::Fail(const absl::Status& status, int exit_code) {
  return Fail(absl::StatusCodeToString(status.code()), std::string(status.message()), exit_code);
}

int Context::FailRpc(const grpc::Status& status) {
  const std::string address = connection_ ? connection_->address() : options_.server;
  return Fail(StatusCodeName(status.error_code()),
              DescribeRpcError(status, address, options_.timeout_s));
}

}  // namespace ls::cli
