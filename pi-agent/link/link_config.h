#pragma once
/// Settings of the connection to the server. Plain value; thread-safe to copy.

#include <cstdint>
#include <memory>
#include <string>

#include <grpcpp/security/credentials.h>

#include "absl/status/status.h"

namespace ls::agent {

struct LinkConfig {
  std::string server;       ///< HOST:PORT of the server's gRPC listener
  std::string token_file;   ///< re-read before each connection attempt
  std::string agent_id;
  std::string version;
  int64_t offset_ms = 0;    ///< reported in Hello (the Player applies it)
  int64_t heartbeat_interval_ns = 1'000'000'000;  ///< Welcome may override
  int64_t ping_interval_ns = 1'000'000'000;
  int64_t stats_interval_ns = 1'000'000'000;
  /// The first pings after connecting come this often, to learn the offset fast.
  int64_t fast_ping_interval_ns = 200'000'000;
  int fast_pings = 5;
  /// No message from the server for this long → the stream is dead: reconnect.
  int64_t stall_timeout_ns = 5'000'000'000;
  /// A connection attempt gives up after this long.
  int64_t connect_timeout_ns = 5'000'000'000;
  int64_t backoff_initial_ns = 100'000'000;
  int64_t backoff_max_ns = 5'000'000'000;
  /// HTTP/2 keepalive pings on the channel (the server must permit this rate).
  int keepalive_time_ms = 10'000;
  int keepalive_timeout_ms = 5'000;
  /// TLS (from --ca/--cert/--key); null = plaintext.
  std::shared_ptr<grpc::ChannelCredentials> credentials;
};

/// OK when the fields are usable; otherwise names the bad one.
absl::Status ValidateLinkConfig(const LinkConfig& config);

}  // namespace ls::agent
