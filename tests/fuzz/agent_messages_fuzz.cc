// libFuzzer target: the agent's handling of server messages. The input is a
// sequence of ServerMessages, each as [uint16 little-endian length][bytes];
// each one that parses is applied to a fresh Player and ClockSync in order,
// the way the agent's link session does (welcome, show start, frames, stop,
// pong, ...). The player's scheduler thread is not started: the target checks
// the message handling and the frame buffer, not timing.
#include <cstddef>
#include <cstdint>

#include "gpio/outputs.h"
#include "lightshow/v1/agent_link.pb.h"
#include "link/clock_sync.h"
#include "link/server_messages.h"
#include "player/player.h"
#include "player/player_config.h"

namespace {

class NullOutputs : public ls::agent::Outputs {
 public:
  absl::Status Set(uint8_t, const ls::agent::FrameStamp&) override { return absl::OkStatus(); }
  absl::Status AllOff(int64_t) override { return absl::OkStatus(); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  NullOutputs outputs;
  ls::agent::ClockSync clock;
  ls::agent::Player player(ls::agent::PlayerConfig{}, &outputs, [&clock] { return clock.OffsetNs(); });
  ls::agent::SessionNews news;
  int64_t now_ns = 1'700'000'000'000'000'000;
  size_t pos = 0;
  while (pos + 2 <= size) {
    size_t len = data[pos] | (static_cast<size_t>(data[pos + 1]) << 8);
    pos += 2;
    if (len > size - pos) len = size - pos;
    lightshow::v1::ServerMessage msg;
    if (msg.ParseFromArray(data + pos, static_cast<int>(len))) {
      ls::agent::HandleServerMessage(msg, now_ns, player, clock, &news);
    }
    pos += len;
    now_ns += 1'000'000;
  }
  (void)player.Stats();
  return 0;
}
