#pragma once
/// The /metrics HTTP endpoint (prometheus-cpp Exposer). Non-copyable; owns the
/// HTTP server threads and keeps the collectables it serves alive. Scrapes run
/// on the Exposer's threads, so every collectable must be thread-safe.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "prometheus/exposer.h"
#include "prometheus/collectable.h"

namespace ls::metrics {

class MetricsEndpoint {
 public:
  /// Binds HOST:PORT (port 0 = pick one) and serves `collectables` (a
  /// prometheus::Registry, a ProcessCollector, …) at /metrics.
  /// A port in use → UNAVAILABLE naming it; a malformed address → INVALID_ARGUMENT.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      const std::string& listen, std::vector<std::shared_ptr<prometheus::Collectable>> collectables);
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  /// "HOST:PORT" with the real port.
  const std::string& address() const { return address_; }

 private:
  MetricsEndpoint() = default;
  std::vector<std::shared_ptr<prometheus::Collectable>> collectables_;  // the Exposer holds weak_ptrs
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string address_;
};

}  // namespace ls::metrics
