#pragma once
/// The whole server: catalog, blobs, worker pool, agent registry, show player,
/// gRPC services (Control, AgentLink, health, reflection) and the metrics
/// endpoint. Valid once Start() returns it. Non-copyable; Shutdown is thread-safe.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "api/server_config.h"

namespace ls::api {

struct ServerParts;

class LightshowServer {
 public:
  /// Validates the config, creates the data dir and token, binds both ports,
  /// and writes DIR/server.addr.
  static absl::StatusOr<std::unique_ptr<LightshowServer>> Start(const ServerConfig& cfg);
  ~LightshowServer();
  LightshowServer(const LightshowServer&) = delete;
  LightshowServer& operator=(const LightshowServer&) = delete;

  /// "HOST:PORT" with the real port.
  const std::string& address() const;
  const std::string& metrics_address() const;

  /// Stops shows (agents go dark), closes agent streams, and finishes RPCs
  /// within the configured grace period. Idempotent.
  void Shutdown();

 private:
  explicit LightshowServer(std::unique_ptr<ServerParts> impl);
  std::unique_ptr<ServerParts> impl_;
};

}  // namespace ls::api
