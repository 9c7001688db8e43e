// The short CI version of tests/bench/stream_bench.py: 3 sim agents, a 10 s
// show. Asserts correctness only (timing is the benchmark's business): every
// frame accounted for (applied or counted as dropped), in order, with the
// stored masks, and each agent dark within two frame periods of its last frame;
// at 43 and 86 frames/s.
#include <algorithm>

#include "gtest/gtest.h"
#include "stream_rig.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;

// Plays a `seconds`-long tune on three sim agents of a server started with
// `server_flags`; checks every agent's CSV and counters. Returns the frame period.
long long PlayAndAccount(const std::vector<std::string>& server_flags, double seconds) {
  StreamRig rig(server_flags);
  const std::vector<std::string> ids = {"a0", "a1", "a2"};
  for (const auto& id : ids) rig.StartAgent(id);
  auto song = rig.SubmitTune(seconds, 21);
  const int frames = song["frame_count"].get<int>();
  const std::string masks = rig.ShowMasks(song["show_id"].get<std::string>());
  auto play = rig.LsctlJson({"play", song["id"].get<std::string>(), "--lead-ms", "1000", "--no-audio", "--wait"});
  EXPECT_TRUE(play.contains("play")) << play.dump();
  if (!play.contains("play")) return 0;
  const long long period = I64(play["play"]["frame_period_ns"]);
  EXPECT_NEAR(frames * period * 1e-9, seconds, 0.05) << "frames x period covers the song";

  for (const auto& id : ids) {
    std::vector<SimRow> rows;
    EXPECT_TRUE(WaitFor(
        [&] {
          rows = ReadSim(rig.SimPath(id));
          return !rows.empty() && rows.back().frame == -1 &&
                 std::any_of(rows.begin(), rows.end(), [](const SimRow& r) { return r.frame >= 0; });
        },
        10s))
        << id << ": " << rig.AgentLog(id);
    std::vector<SimRow> applied;
    for (const auto& r : rows) {
      if (r.frame >= 0) applied.push_back(r);
      else EXPECT_EQ(r.mask, 0) << id << ": dark lines drive every pin off";
    }
    for (size_t i = 1; i < applied.size(); ++i) {
      EXPECT_GT(applied[i].frame, applied[i - 1].frame) << id << ": order at row " << i;
    }
    for (const auto& r : applied) {
      EXPECT_LT(r.frame, frames);
      if (r.frame >= frames) break;
      EXPECT_EQ(r.mask, static_cast<uint8_t>(masks[r.frame])) << id << " frame " << r.frame;
    }
    // Safe-off: dark after the last frame, within two frame periods (+ slack).
    EXPECT_EQ(rows.back().mask, 0);
    EXPECT_LE(rows.back().applied_ns - applied.back().applied_ns, 2 * period + 50'000'000LL) << id;
    // Every frame accounted for: applied here, or counted dropped by the agent.
    long long dropped = -1;
    EXPECT_TRUE(WaitFor(
        [&] {
          auto a = rig.Agents()[id];
          dropped = I64(a["frames_dropped"]);
          return I64(a["frames_applied"]) == static_cast<long long>(applied.size()) &&
                 static_cast<long long>(applied.size()) + dropped == frames;
        },
        5s))
        << id << ": applied " << applied.size() << " + dropped " << dropped << " != " << frames;
  }
  return period;
}

TEST(StreamBenchCi, ThreeAgentsTenSecondsEveryFrameAccountedInOrderThenDark) {
  EXPECT_NEAR(PlayAndAccount({}, 10.0), 1e9 * 1024 / 44100, 1000);
}

// --show-hop 512: the same rules at 86 frames/s.
TEST(StreamBenchCi, EightySixFramesPerSecondThreeAgentsEveryFrameAccounted) {
  EXPECT_NEAR(PlayAndAccount({"--show-hop", "512"}, 5.0), 1e9 * 512 / 44100, 1000);
}

TEST(StreamBenchCi, ShowHopOtherThan1024Or512IsRefusedAtStart) {
  TempDir dir;
  RunResult r = it::Run({Bin("lightshow-server"), "--listen", "127.0.0.1:0", "--data-dir", dir.File("d"),
                     "--metrics-listen", "127.0.0.1:0", "--show-hop", "700"}, 20s);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--show-hop must be 1024 or 512, got 700"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ls::it
