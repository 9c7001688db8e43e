#include "player/player.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>
#include <chrono>

#include "agent_test_util.h"
#include "base/clock.h"
#include "gpio/sim_outputs.h"

namespace ls::agent {
namespace {

using testing::CsvRow;
using testing::FrameRows;
using testing::ReadCsv;
using testing::WaitFor;

constexpr int64_t kMs = 1'000'000;
// Generous periods: the test machine is small and busy; the logic is the same.
constexpr int64_t kPeriod = 40 * kMs;

class PlayerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempPath("player.csv");
    auto out = SimOutputs::Open(path_);
    ASSERT_TRUE(out.ok()) << out.status();
    outputs_ = std::move(*out);
  }
  void StartPlayer(PlayerConfig config = {}) {
    ASSERT_TRUE(ValidatePlayerConfig(config).ok());
    player_ = std::make_unique<Player>(config, outputs_.get(), [this] { return offset_.load(); });
    ASSERT_TRUE(player_->Start().ok());
  }
  // Frames [first, first+n) of show `id` at server time base + i * kPeriod.
  static std::vector<FrameItem> Frames(uint32_t first, uint32_t n, int64_t base) {
    std::vector<FrameItem> f;
    for (uint32_t i = first; i < first + n; ++i) {
      f.push_back(FrameItem{i, base + static_cast<int64_t>(i) * kPeriod,
                            static_cast<uint8_t>(i * 37 + 1)});
    }
    return f;
  }
  // Server clock "now" given the fake offset (agent − server).
  int64_t ServerNow() const { return NowRealtimeNs() - offset_.load(); }

  std::string path_;
  std::unique_ptr<SimOutputs> outputs_;
  std::atomic<int64_t> offset_{0};
  std::unique_ptr<Player> player_;
};

TEST_F(PlayerTest, OffAtStartAndAtStop) {
  StartPlayer();
  auto rows = ReadCsv(path_);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].frame, -1);
  EXPECT_EQ(rows[0].mask, 0u);
  player_->Stop();
  rows = ReadCsv(path_);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].frame, -1);
  EXPECT_EQ(rows[1].mask_text, "00");
}

TEST_F(PlayerTest, AppliesFramesInOrderAtTheirTimeWithClockAndUserOffsets) {
  offset_ = 3'000 * kMs;   // the agent's clock is 3 s ahead of the server's
  PlayerConfig cfg;
  cfg.offset_ns = 150 * kMs;  // --offset-ms 150: lights later
  StartPlayer(cfg);
  const int64_t base = ServerNow() + 300 * kMs;
  player_->StartShow(ShowParams{"s1", base, kPeriod, 10});
  EXPECT_EQ(player_->AddFrames("s1", Frames(0, 10, base)), 10u);
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().frames_applied + player_->Stats().frames_dropped >= 10; },
                      5000));
  const auto rows = FrameRows(ReadCsv(path_));
  ASSERT_GE(rows.size(), 9u) << "at most one frame may be lost to a very late wake-up";
  std::vector<int64_t> errors;
  for (size_t k = 0; k < rows.size(); ++k) {
    const CsvRow& r = rows[k];
    if (k > 0) {
      EXPECT_GT(r.frame, rows[k - 1].frame);
    }
    const int64_t server_time = base + r.frame * kPeriod;
    EXPECT_EQ(r.scheduled_ns, server_time + offset_.load() + cfg.offset_ns);
    EXPECT_EQ(r.mask, static_cast<unsigned>(static_cast<uint8_t>(r.frame * 37 + 1)));
    EXPECT_GE(r.applied_ns, r.scheduled_ns) << "never early";
    errors.push_back(r.applied_ns - r.scheduled_ns);
  }
  std::sort(errors.begin(), errors.end());
  EXPECT_LT(errors[errors.size() / 2], 10 * kMs) << "median apply error";
  EXPECT_LT(errors.back(), 2 * kPeriod) << "worst apply error (beyond tolerance it'd be dropped)";
  EXPECT_EQ(player_->Stats().last_frame, rows.back().frame);
  const auto apply_errors = player_->TakeApplyErrors();
  EXPECT_EQ(apply_errors.size(), rows.size());
  EXPECT_TRUE(player_->TakeApplyErrors().empty());
}

TEST_F(PlayerTest, DropsFramesPastToleranceAndNeverBursts) {
  StartPlayer();
  const int64_t now = ServerNow();
  const int64_t base = now - 10 * kPeriod;  // frames 0..9 are in the past
  player_->StartShow(ShowParams{"s1", base, kPeriod, 20});
  player_->AddFrames("s1", Frames(0, 20, base + kPeriod / 2));
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().frames_applied >= 5; }, 5000));
  player_->StopShow("s1");
  const auto rows = FrameRows(ReadCsv(path_));
  ASSERT_FALSE(rows.empty());
  // Frame 9 (half a period ago) is the newest due one; 0..8 are superseded or too late.
  EXPECT_GE(rows.front().frame, 9);
  for (const auto& r : rows) {
    EXPECT_LE(r.applied_ns - r.scheduled_ns, 2 * kPeriod) << "frame " << r.frame;
  }
  const PlayerStats s = player_->Stats();
  EXPECT_GE(s.frames_dropped, 9u);
}

TEST_F(PlayerTest, DropsAFrameThatArrivesBeyondTolerance) {
  StartPlayer();
  const int64_t base = ServerNow() - 5 * kPeriod;  // 5 periods late, tolerance is 1
  player_->StartShow(ShowParams{"s1", base, kPeriod, 1});
  player_->AddFrames("s1", Frames(0, 1, base));
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().frames_dropped == 1; }, 2000));
  EXPECT_EQ(player_->Stats().frames_applied, 0u);
  EXPECT_TRUE(FrameRows(ReadCsv(path_)).empty());
}

// A stream that was held up delivers frames one by one, each already late (what
// a thawed agent or a congested link sees). They must not go out in a burst.
TEST_F(PlayerTest, FramesArrivingLateOneByOneNeverBurst) {
  StartPlayer();
  // Frame 8 arrives 1.9 periods late, 9 about 0.9 late a few ms after it, 10 on
  // time: with a 2-period tolerance 8, 9 and 10 would go out within one period.
  const int64_t base = ServerNow() - 99 * kPeriod / 10;
  player_->StartShow(ShowParams{"s1", base, kPeriod, 40});
  for (uint32_t i = 8; i < 14; ++i) {
    player_->AddFrames("s1", Frames(i, 1, base));
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  player_->AddFrames("s1", Frames(14, 20, base));
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().last_frame == 33; }, 5000));
  const auto rows = FrameRows(ReadCsv(path_));
  ASSERT_GE(rows.size(), 3u);
  for (size_t i = 2; i < rows.size(); ++i) {
    EXPECT_GT(rows[i].applied_ns - rows[i - 2].applied_ns, kPeriod)
        << "frames " << rows[i - 2].frame << ".." << rows[i].frame << " applied in a burst";
  }
  for (const auto& r : rows) EXPECT_LE(r.applied_ns - r.scheduled_ns, kPeriod + 10 * kMs) << r.frame;
}

TEST_F(PlayerTest, SafeOffWhenFramesStopWithinTwoPeriods) {
  StartPlayer();
  const int64_t base = ServerNow() + 200 * kMs;
  player_->StartShow(ShowParams{"s1", base, kPeriod, 100});
  player_->AddFrames("s1", Frames(0, 5, base));  // then nothing: the stream "stalled"
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().safe_offs >= 1; }, 5000));
  const auto rows = ReadCsv(path_);
  ASSERT_GE(rows.size(), 3u);
  const CsvRow& off = rows.back();
  const CsvRow& last = rows[rows.size() - 2];
  EXPECT_EQ(off.frame, -1);
  EXPECT_EQ(off.mask_text, "00");
  EXPECT_EQ(last.frame, 4);
  EXPECT_EQ(off.scheduled_ns, last.scheduled_ns + 2 * kPeriod);
  EXPECT_GE(off.applied_ns, last.scheduled_ns + 2 * kPeriod);
  EXPECT_LE(off.applied_ns, last.scheduled_ns + 2 * kPeriod + 30 * kMs);
  // Frames resume after a gap: they play again, and the gap was dark.
  const int64_t resume = base + 20 * kPeriod;
  player_->AddFrames("s1", Frames(20, 3, base));
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().last_frame == 22; }, 5000));
  EXPECT_GE(FrameRows(ReadCsv(path_)).back().applied_ns, resume);
}

TEST_F(PlayerTest, SafeOffAcrossAGapInsideTheBuffer) {
  StartPlayer();
  const int64_t base = ServerNow() + 200 * kMs;
  player_->StartShow(ShowParams{"s1", base, kPeriod, 100});
  auto frames = Frames(0, 3, base);
  auto later = Frames(10, 2, base);  // frames 3..9 never came
  frames.insert(frames.end(), later.begin(), later.end());
  player_->AddFrames("s1", frames);
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().last_frame == 11; }, 5000));
  const auto rows = ReadCsv(path_);
  std::vector<int64_t> seq;
  for (const auto& r : rows) seq.push_back(r.frame);
  // start-off, 0,1,2, safe-off, 10, 11
  ASSERT_EQ(seq, (std::vector<int64_t>{-1, 0, 1, 2, -1, 10, 11}));
  EXPECT_LE(rows[4].applied_ns, rows[3].scheduled_ns + 2 * kPeriod + 30 * kMs);
}

TEST_F(PlayerTest, ShowStopTurnsEverythingOffAtOnceAndForgetsFrames) {
  StartPlayer();
  const int64_t base = ServerNow() + 100 * kMs;
  player_->StartShow(ShowParams{"s1", base, kPeriod, 100});
  player_->AddFrames("s1", Frames(0, 100, base));
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().frames_applied >= 3; }, 5000));
  EXPECT_FALSE(player_->StopShow("another-show"));  // not ours: ignored
  const int64_t stop_at = NowRealtimeNs();
  EXPECT_TRUE(player_->StopShow("s1"));
  const auto rows = ReadCsv(path_);
  ASSERT_EQ(rows.back().frame, -1) << "off is written before StopShow returns";
  EXPECT_EQ(rows.back().mask_text, "00");
  EXPECT_GE(rows.back().applied_ns, stop_at);
  EXPECT_LT(rows.back().applied_ns, stop_at + 20 * kMs);
  const size_t n = rows.size();
  std::this_thread::sleep_for(std::chrono::milliseconds(4 * kPeriod / kMs));
  EXPECT_EQ(ReadCsv(path_).size(), n) << "nothing after the stop";
  EXPECT_EQ(player_->AddFrames("s1", Frames(50, 1, base)), 0u);
  EXPECT_EQ(player_->Stats().buffered, 0u);
}

TEST_F(PlayerTest, NewShowReplacesTheOldOne) {
  StartPlayer();
  const int64_t base = ServerNow() + 100 * kMs;
  player_->StartShow(ShowParams{"old", base, kPeriod, 100});
  player_->AddFrames("old", Frames(0, 100, base));
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().frames_applied >= 2; }, 5000));
  const int64_t base2 = ServerNow() + 200 * kMs;
  player_->StartShow(ShowParams{"new", base2, kPeriod, 3});
  EXPECT_EQ(player_->Stats().show_id, "new");
  EXPECT_EQ(player_->AddFrames("old", Frames(50, 1, base)), 0u);
  player_->AddFrames("new", Frames(0, 3, base2));
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().safe_offs >= 1; }, 5000));
  const auto rows = ReadCsv(path_);
  // ... old frames, -1 (switch), new 0,1,2, -1 (safe-off): no old frame after the switch.
  size_t switch_at = 0;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].frame == -1) {
      switch_at = i;
      break;
    }
  }
  ASSERT_GT(switch_at, 0u);
  std::vector<int64_t> after;
  for (size_t i = switch_at + 1; i < rows.size(); ++i) after.push_back(rows[i].frame);
  EXPECT_EQ(after, (std::vector<int64_t>{0, 1, 2, -1}));
  EXPECT_GE(rows[switch_at + 1].scheduled_ns, base2);
}

TEST_F(PlayerTest, RepeatedShowStartKeepsBufferedFrames) {
  StartPlayer();
  const int64_t base = ServerNow() + 300 * kMs;
  const ShowParams show{"s1", base, kPeriod, 3};
  player_->StartShow(show);
  player_->AddFrames("s1", Frames(0, 3, base));
  player_->StartShow(show);  // e.g. the server re-announces after a reconnect
  EXPECT_EQ(player_->Stats().buffered, 3u);
}

TEST_F(PlayerTest, StopWithoutAShowIdStopsWhateverPlays) {
  StartPlayer();
  const int64_t base = ServerNow() + 100 * kMs;
  player_->StartShow(ShowParams{"any", base, kPeriod, 100});
  player_->AddFrames("any", Frames(0, 100, base));
  ASSERT_TRUE(WaitFor([&] { return player_->Stats().frames_applied >= 1; }, 5000));
  EXPECT_TRUE(player_->StopShow(""));
  EXPECT_EQ(ReadCsv(path_).back().frame, -1);
  EXPECT_EQ(player_->Stats().show_id, "");
}

// Outputs whose writes take a while (a slow GPIO expander, say) or fail.
class SlowOrBrokenOutputs final : public Outputs {
 public:
  SlowOrBrokenOutputs(int64_t delay_ns, bool fail) : delay_ns_(delay_ns), fail_(fail) {}
  absl::Status Set(uint8_t, const FrameStamp&) override {
    std::this_thread::sleep_for(std::chrono::nanoseconds(delay_ns_));
    ++sets;
    return fail_ ? absl::UnavailableError("line busy") : absl::OkStatus();
  }
  absl::Status AllOff(int64_t) override {
    ++offs;
    return absl::OkStatus();
  }
  std::atomic<int> sets{0}, offs{0};

 private:
  int64_t delay_ns_;
  bool fail_;
};

TEST(PlayerOutputs, SlowWritesCountAsLateAndReportTheirError) {
  SlowOrBrokenOutputs slow(12 * kMs, /*fail=*/false);
  Player player(PlayerConfig{}, &slow, [] { return int64_t{0}; });
  ASSERT_TRUE(player.Start().ok());
  const int64_t base = NowRealtimeNs() + 100 * kMs;
  player.StartShow(ShowParams{"s", base, kPeriod, 3});
  std::vector<FrameItem> frames;
  for (uint32_t i = 0; i < 3; ++i) frames.push_back(FrameItem{i, base + i * kPeriod, 1});
  player.AddFrames("s", frames);
  ASSERT_TRUE(WaitFor([&] { return player.Stats().frames_applied == 3; }, 5000));
  EXPECT_EQ(player.Stats().frames_late, 3u);  // 12 ms > the 5 ms late margin
  const auto errors = player.TakeApplyErrors();
  ASSERT_EQ(errors.size(), 3u);
  for (double e : errors) EXPECT_GE(e, 0.012);
  player.Stop();
}

TEST(PlayerOutputs, FailingWritesAreCountedNotApplied) {
  SlowOrBrokenOutputs broken(0, /*fail=*/true);
  Player player(PlayerConfig{}, &broken, [] { return int64_t{0}; });
  ASSERT_TRUE(player.Start().ok());
  const int64_t base = NowRealtimeNs() + 50 * kMs;
  player.StartShow(ShowParams{"s", base, kPeriod, 2});
  player.AddFrames("s", {FrameItem{0, base, 1}, FrameItem{1, base + kPeriod, 2}});
  ASSERT_TRUE(WaitFor([&] { return player.Stats().output_errors == 2; }, 5000));
  EXPECT_EQ(player.Stats().frames_applied, 0u);
  // Still tries to go dark after a failed frame.
  ASSERT_TRUE(WaitFor([&] { return player.Stats().safe_offs == 1; }, 5000));
  player.Stop();
  EXPECT_GE(broken.offs.load(), 3);  // start, safe-off, stop
}

}  // namespace
}  // namespace ls::agent
