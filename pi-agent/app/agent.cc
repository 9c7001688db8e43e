#include "app/agent.h"

#include "absl/strings/str_cat.h"
#include "base/log.h"

namespace ls::agent {

absl::StatusOr<std::unique_ptr<Agent>> Agent::Create(const AgentSetup& setup) {
  auto outputs = MakeOutputs(setup.gpio, setup.pins);
  if (!outputs.ok()) return outputs.status();
  return std::unique_ptr<Agent>(new Agent(setup, std::move(*outputs)));
}

Agent::Agent(const AgentSetup& setup, std::unique_ptr<Outputs> outputs)
    : outputs_(std::move(outputs)) {
  player_ = std::make_unique<Player>(setup.player, outputs_.get(),
                                     [this] { return clock_.OffsetNs(); });
  link_ = std::make_unique<LinkClient>(setup.link, setup.token, player_.get(), &clock_);
}

Agent::~Agent() { Stop(); }

absl::Status Agent::Start() {
  const absl::Status st = player_->Start();
  if (!st.ok()) return st;
  link_->Start();
  return absl::OkStatus();
}

void Agent::Stop() {
  // Dark first: a slow disconnect must not keep the lights on.
  player_->Stop();
  link_->Stop();
}

}  // namespace ls::agent
