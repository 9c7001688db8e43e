#pragma once
/// Applies one message from the server to the player and clock sync.
/// Thread-safety: thread-safe as far as Player and ClockSync are (both are).

#include <cstdint>

#include "lightshow/v1/agent_link.pb.h"
#include "link/clock_sync.h"
#include "player/player.h"

namespace ls::agent {

/// What the session learns from the server's messages.
struct SessionNews {
  bool welcomed = false;
  uint32_t group = 0;
  int64_t heartbeat_interval_ns = 0;  ///< 0 = keep ours
};

/// Dispatches `msg`, received at CLOCK_REALTIME `receive_ns` (the t4 of a pong).
/// Logs show starts and stops. Welcome fields are returned through `news`.
void HandleServerMessage(const lightshow::v1::ServerMessage& msg, int64_t receive_ns,
                         Player& player, ClockSync& clock, SessionNews* news);

}  // namespace ls::agent
