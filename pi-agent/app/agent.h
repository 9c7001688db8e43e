#pragma once
/// The whole agent: outputs, clock sync, player and link, wired together.
/// Lights are off when Start() returns until the first frame, and off again when
/// Stop() returns (also from the destructor).
/// Thread-safety: Start/Stop from one thread; the parts run their own threads.

#include <memory>

#include "absl/status/statusor.h"
#include "app/agent_options.h"
#include "gpio/outputs.h"
#include "link/clock_sync.h"
#include "link/link_client.h"
#include "player/player.h"

namespace ls::agent {

class Agent {
 public:
  /// Opens the outputs (errors: bad chip, unwritable sim file).
  static absl::StatusOr<std::unique_ptr<Agent>> Create(const AgentSetup& setup);
  ~Agent();
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  /// Lights off, then starts playing and connecting.
  absl::Status Start();
  /// Lights off at once, then disconnects. Idempotent.
  void Stop();

  const Player& player() const { return *player_; }
  const LinkClient& link() const { return *link_; }
  const ClockSync& clock() const { return clock_; }

 private:
  Agent(const AgentSetup& setup, std::unique_ptr<Outputs> outputs);

  std::unique_ptr<Outputs> outputs_;
  ClockSync clock_;
  std::unique_ptr<Player> player_;
  std::unique_ptr<LinkClient> link_;
};

}  // namespace ls::agent
