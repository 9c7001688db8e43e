#pragma once
/// The /metrics HTTP endpoint (prometheus-cpp Exposer). Non-copyable; owns the
/// HTTP server thread.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "prometheus/exposer.h"
#include "prometheus/registry.h"

namespace ls::metrics {

class MetricsEndpoint {
 public:
  /// Binds HOST:PORT (port 0 = pick one). A port in use → UNAVAILABLE naming it.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      const std::string& listen, std::shared_ptr<prometheus::Registry> registry);
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  /// "HOST:PORT" with the real port.
  const std::string& address() const { return address_; }

 private:
  MetricsEndpoint() = default;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string address_;
};

}  // namespace ls::metrics
