#include "link/server_messages.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/log.h"

namespace ls::agent {
namespace {

void OnStart(const lightshow::v1::ShowStart& s, int64_t now_ns, Player& player,
             const ClockSync& clock) {
  ShowParams p;
  p.show_id = s.show_id();
  p.start_ns = s.start().unix_ns();
  p.frame_period_ns = s.frame_period_ns();
  p.frame_count = s.frame_count();
  player.StartShow(p);
  // In double: a wild start time from a broken server must not overflow.
  const double lead_s = (static_cast<double>(p.start_ns) + static_cast<double>(clock.OffsetNs()) -
                         static_cast<double>(now_ns)) * 1e-9;
  Log(absl::StrFormat("show %s start (song %s): %u frames, period %.2f ms, begins in %.3f s",
                      p.show_id, s.song_id(), p.frame_count, p.frame_period_ns * 1e-6,
                      lead_s));
}

void OnFrames(const lightshow::v1::FrameBatch& b, Player& player) {
  std::vector<FrameItem> frames;
  frames.reserve(b.frames_size());
  for (const auto& f : b.frames()) {
    // Bits above channel 7 belong to no channel of ours.
    frames.push_back(FrameItem{f.index(), f.present().unix_ns(),
                               static_cast<uint8_t>(f.mask() & 0xffu)});
  }
  const size_t accepted = player.AddFrames(b.show_id(), frames);
  if (accepted < frames.size()) {
    Log(absl::StrCat("ignored ", frames.size() - accepted, " of ", frames.size(),
                     " frames for show ", b.show_id(), " (unknown show, stale or buffer full)"));
  }
}

}  // namespace

void HandleServerMessage(const lightshow::v1::ServerMessage& msg, int64_t receive_ns,
                         Player& player, ClockSync& clock, SessionNews* news) {
  using lightshow::v1::ServerMessage;
  switch (msg.msg_case()) {
    case ServerMessage::kWelcome:
      news->welcomed = true;
      news->group = msg.welcome().group();
      // Out of 1 ms..1 h means a broken server: keep ours (and never overflow the ns).
      news->heartbeat_interval_ns = msg.welcome().heartbeat_interval_ms() >= 1 &&
                                            msg.welcome().heartbeat_interval_ms() <= 3'600'000
                                        ? msg.welcome().heartbeat_interval_ms() * 1'000'000
                                        : 0;
      break;
    case ServerMessage::kPong: {
      const auto& p = msg.pong();
      clock.AddExchange(p.t1_ns(), p.t2_ns(), p.t3_ns(), receive_ns);
      break;
    }
    case ServerMessage::kStart:
      OnStart(msg.start(), receive_ns, player, clock);
      break;
    case ServerMessage::kFrames:
      OnFrames(msg.frames(), player);
      break;
    case ServerMessage::kStop:
      if (player.StopShow(msg.stop().show_id())) {
        Log(absl::StrCat("show ", msg.stop().show_id(), " stopped (", msg.stop().reason(), ")"));
      }
      break;
    case ServerMessage::MSG_NOT_SET:
      break;  // a newer server's message we don't know: ignore
  }
}

}  // namespace ls::agent
