#include "metrics/metrics_endpoint.h"

#include <exception>

#include "absl/strings/str_cat.h"

namespace ls::metrics {

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    const std::string& listen, std::vector<std::shared_ptr<prometheus::Collectable>> collectables) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--metrics-listen must be HOST:PORT, got '", listen, "'"));
  }
  std::unique_ptr<MetricsEndpoint> ep(new MetricsEndpoint());
  try {
    // civetweb throws when it cannot bind (port in use, bad host).
    ep->exposer_ = std::make_unique<prometheus::Exposer>(listen, 2);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", listen, " (port in use or bad address): ", e.what()));
  }
  ep->collectables_ = std::move(collectables);
  for (const auto& c : ep->collectables_) ep->exposer_->RegisterCollectable(c);
  auto ports = ep->exposer_->GetListeningPorts();
  if (ports.empty()) return absl::UnavailableError(absl::StrCat("metrics endpoint did not bind ", listen));
  ep->address_ = absl::StrCat(listen.substr(0, colon), ":", ports.front());
  return ep;
}

}  // namespace ls::metrics
