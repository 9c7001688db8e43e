// The short CI version of tests/bench/stream_bench.py: 3 sim agents, a 10 s
// show. Asserts correctness only (timing is the benchmark's business): every
// frame accounted for (applied or counted as dropped), in order, with the
// stored masks, and each agent dark within two frame periods of its last frame.
#include <algorithm>

#include "gtest/gtest.h"
#include "stream_rig.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;

TEST(StreamBenchCi, ThreeAgentsTenSecondsEveryFrameAccountedInOrderThenDark) {
  StreamRig rig;
  const std::vector<std::string> ids = {"a0", "a1", "a2"};
  for (const auto& id : ids) rig.StartAgent(id);
  auto song = rig.SubmitTune(10.0, 21);
  const int frames = song["frame_count"].get<int>();
  const std::string masks = rig.ShowMasks(song["show_id"].get<std::string>());
  auto play = rig.LsctlJson({"play", song["id"].get<std::string>(), "--lead-ms", "1000", "--no-audio", "--wait"});
  ASSERT_TRUE(play.contains("play")) << play.dump();
  const long long period = I64(play["play"]["frame_period_ns"]);

  for (const auto& id : ids) {
    std::vector<SimRow> rows;
    ASSERT_TRUE(WaitFor(
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
      ASSERT_GT(applied[i].frame, applied[i - 1].frame) << id << ": order at row " << i;
    }
    for (const auto& r : applied) {
      ASSERT_LT(r.frame, frames);
      EXPECT_EQ(r.mask, static_cast<uint8_t>(masks[r.frame])) << id << " frame " << r.frame;
    }
    // Safe-off: dark after the last frame, within two frame periods (+ slack).
    EXPECT_EQ(rows.back().mask, 0);
    EXPECT_LE(rows.back().applied_ns - applied.back().applied_ns, 2 * period + 50'000'000LL) << id;
    // Every frame accounted for: applied here, or counted dropped by the agent.
    long long dropped = -1;
    ASSERT_TRUE(WaitFor(
        [&] {
          auto a = rig.Agents()[id];
          dropped = I64(a["frames_dropped"]);
          return I64(a["frames_applied"]) == static_cast<long long>(applied.size()) &&
                 static_cast<long long>(applied.size()) + dropped == frames;
        },
        5s))
        << id << ": applied " << applied.size() << " + dropped " << dropped << " != " << frames;
  }
}

}  // namespace
}  // namespace ls::it
