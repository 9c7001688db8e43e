#pragma once
/// Finding the server (address, token) and calling it with deadlines.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "cli/options.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/security/credentials.h"
#include "lightshow/v1/control.grpc.pb.h"

namespace ls::cli {

/// The data dir that holds server.addr and token: `flag` if set, else
/// `env_data_dir` ($LIGHTSHOW_DATA_DIR) if set and non-empty, else
/// `home`/.local/share/lightshow. Fails when neither is known.
absl::StatusOr<std::string> ResolveDataDir(const std::string& flag, const char* env_data_dir,
                                           const char* home);

/// Checks a HOST:PORT (host may be a name, IPv4 or [IPv6]); surrounding
/// whitespace is ignored. A wildcard host (0.0.0.0, [::]) becomes loopback,
/// since a server listening on every interface is reachable there.
absl::StatusOr<std::string> ParseServerAddress(const std::string& text);

/// Reads the one-line HOST:PORT written by lightshow-server.
absl::StatusOr<std::string> ReadServerAddressFile(const std::string& path);

/// Reads a bearer token file; whitespace around the token is dropped. Fails
/// on a missing, unreadable or empty file, or one with characters that
/// cannot travel in a gRPC header.
absl::StatusOr<std::string> ReadTokenFile(const std::string& path);

/// Where to call and with what credentials.
struct Endpoint {
  std::string address;
  std::string token;
  /// TLS from --ca/--cert/--key; null = plaintext.
  std::shared_ptr<grpc::ChannelCredentials> credentials;
};

/// Applies the defaults of the lsctl contract to `options`.
absl::StatusOr<Endpoint> ResolveEndpoint(const GlobalOptions& options, const char* env_data_dir,
                                         const char* home);

/// "INVALID_ARGUMENT", "UNAVAILABLE", ... for a gRPC status code.
std::string StatusCodeName(grpc::StatusCode code);

/// The error text for a failed call to `address`: "CODE: server message",
/// with a hint for unreachable servers, bad tokens and deadlines.
std::string DescribeRpcError(const grpc::Status& status, const std::string& address,
                             double timeout_s);

/// Deadline for uploading `size_bytes`: the server decodes and renders the
/// song inside the call, so it grows with the size (30 s + 2 s per MiB),
/// never below `min_s`.
std::chrono::milliseconds UploadTimeout(uint64_t size_bytes, double min_s);

/// A unary method of the Control stub, e.g. `&Control::Stub::ListSongs`.
template <class Req, class Rep>
using UnaryMethod = grpc::Status (lightshow::v1::Control::Stub::*)(grpc::ClientContext*, const Req&, Rep*);

/// A channel and Control stub to one server. Thread-compatible.
class Connection {
 public:
  explicit Connection(Endpoint endpoint);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  lightshow::v1::Control::Stub& stub() { return *stub_; }
  const std::string& address() const { return endpoint_.address; }

  /// A call context carrying the bearer token, with a deadline `timeout` away.
  std::unique_ptr<grpc::ClientContext> NewContext(std::chrono::milliseconds timeout) const;

  /// One unary call with the token and a deadline `timeout` away; the
  /// server's status as it came.
  template <class Req, class Rep>
  grpc::Status Unary(UnaryMethod<Req, Rep> method, const Req& req, Rep* reply,
                     std::chrono::milliseconds timeout) {
    auto call = NewContext(timeout);
    return ((*stub_).*method)(call.get(), req, reply);
  }

 private:
  Endpoint endpoint_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<lightshow::v1::Control::Stub> stub_;
};

/// Seconds as a chrono duration usable for deadlines.
std::chrono::milliseconds SecondsToMs(double seconds);

/// A failed call as Context::FailRpc words it (code kept, message with the
/// hints of DescribeRpcError), for Context::Fail(absl::Status).
absl::Status RpcFailure(const grpc::Status& status, const std::string& address, double timeout_s);

/// A command's unary call on `conn`: deadline --timeout, or `at_least_s` when
/// longer (calls the server needs long for). A failure comes back ready for
/// ctx.Fail(), which then prints what ctx.FailRpc() would.
template <class Req, class Rep>
absl::StatusOr<Rep> Call(Context& ctx, Connection& conn, UnaryMethod<Req, Rep> method, const Req& req,
                         double at_least_s = 0) {
  const double timeout_s = ctx.options().timeout_s;
  Rep reply;
  const grpc::Status status =
      conn.Unary(method, req, &reply, SecondsToMs(std::max(at_least_s, timeout_s)));
  if (!status.ok()) return RpcFailure(status, conn.address(), timeout_s);
  return reply;
}

/// The same after connecting; a failed connect comes back as ctx.Connect() said it.
template <class Req, class Rep>
absl::StatusOr<Rep> Call(Context& ctx, UnaryMethod<Req, Rep> method, const Req& req,
                         double at_least_s = 0) {
  auto conn = ctx.Connect();
  if (!conn.ok()) return conn.status();
  return Call(ctx, **conn, method, req, at_least_s);
}

}  // namespace ls::cli
