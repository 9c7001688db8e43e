// Show metrics on hand-made shows whose answers are known.
#include <cmath>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "audio/synth.h"
#include "judge/music_analysis.h"
#include "judge/show_metrics.h"

namespace ls::judge {
namespace {

constexpr double kPeriod = 1024.0 / 44100.0;

// A song of `seconds` with beats (= onsets) every 0.5 s from 0.25 s, flat loudness.
MusicAnalysis ClickMusic(double seconds) {
  MusicAnalysis m;
  m.duration_s = seconds;
  m.beats.bpm = 120;
  for (double t = 0.25; t < seconds; t += 0.5) {
    m.beats.times_s.push_back(t);
    m.onsets.push_back({t, 1.0f});
  }
  m.loudness.db.assign(static_cast<size_t>(seconds / 0.5), -20.0f);
  return m;
}

// Channel 0 toggles at the frame nearest each time in `at`.
std::vector<uint8_t> ToggleAt(const std::vector<double>& at, int frames) {
  std::vector<uint8_t> m(frames, 0);
  for (double t : at) {
    const int f = static_cast<int>(std::lround(t / kPeriod));
    for (int i = f; i < frames; ++i) m[i] ^= 1;
  }
  return m;
}

int FramesFor(double seconds) { return static_cast<int>(seconds / kPeriod); }

TEST(ShowMetrics, ChangesOnTheBeatScoreOneAndHalfABeatLateScoreZero) {
  const MusicAnalysis m = ClickMusic(30.0);
  auto on = JudgeShow(ToggleAt(m.beats.times_s, FramesFor(30.0)), kPeriod, m);
  ASSERT_TRUE(on.ok()) << on.status();
  EXPECT_EQ(on->beat_precision, 1.0);
  EXPECT_EQ(on->onset_precision, 1.0);
  EXPECT_EQ(on->beat_coverage, 1.0);
  // The null: changes at random phase hit ±70 ms of a 0.5-s grid ~28 % of the time.
  EXPECT_NEAR(on->beat_null, 0.28, 0.12);
  EXPECT_GT(on->beat_lift, 2.5);

  std::vector<double> late;
  for (double t : m.beats.times_s) late.push_back(t + 0.25);
  auto off = JudgeShow(ToggleAt(late, FramesFor(30.0)), kPeriod, m);
  ASSERT_TRUE(off.ok()) << off.status();
  EXPECT_EQ(off->beat_precision, 0.0);
  EXPECT_EQ(off->beat_coverage, 0.0);
  EXPECT_NEAR(off->beat_null, on->beat_null, 0.1);  // the null ignores the phase
  EXPECT_LT(off->beat_lift, 0.1);
}

TEST(ShowMetrics, EndToEndFromClickAudio) {
  std::vector<float> x = audio::WhiteNoise(20.0, 44100, 0.002f, 3);
  std::vector<double> clicks;
  for (double t = 0.25; t < 20.0; t += 0.5) {
    clicks.push_back(t);
    const size_t s0 = static_cast<size_t>(std::llround(t * 44100));
    for (int i = 0; i < 4410 && s0 + i < x.size(); ++i) {
      x[s0 + i] += 0.6f * std::exp(-i / 441.0) * std::sin(2 * M_PI * 1000.0 * i / 44100);
    }
  }
  auto m = AnalyzeMusic(x.data(), x.size(), 44100);
  ASSERT_TRUE(m.ok()) << m.status();
  const int frames = 1 + static_cast<int>((x.size() - 1024) / 1024);
  auto r = JudgeShow(ToggleAt(clicks, frames), kPeriod, *m);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->beat_precision, 1.0);
  EXPECT_GE(r->beat_coverage, 0.95);
  EXPECT_GT(r->beat_lift, 2.5);
}

TEST(ShowMetrics, CrescendoWithRisingLitCount) {
  const double period = 0.0625;  // 8 frames per 0.5-s window, exact in binary
  MusicAnalysis m;
  m.duration_s = 20.0;
  std::vector<uint8_t> masks;
  for (int w = 0; w < 40; ++w) {
    m.loudness.db.push_back(-60.0f + w);
    const int lit = w / 5;  // 0..7
    for (int f = 0; f < 8; ++f) masks.push_back(static_cast<uint8_t>((1u << lit) - 1));
  }
  auto r = JudgeShow(masks, period, m);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_GT(r->loudness_r, 0.9);
  // Quietest 8 windows light 0,0,0,0,0,1,1,1 of 8 (3); loudest 6,6,6,7,7,7,7,7 (53).
  EXPECT_NEAR(r->contrast, (53.0 - 3.0) / 64, 1e-9);
  // The same lights against a decrescendo: r < −0.9, contrast negative.
  std::reverse(m.loudness.db.begin(), m.loudness.db.end());
  auto d = JudgeShow(masks, period, m);
  ASSERT_TRUE(d.ok());
  EXPECT_LT(d->loudness_r, -0.9);
  EXPECT_NEAR(d->contrast, -(53.0 - 3.0) / 64, 1e-9);
}

TEST(ShowMetrics, RedundancyOfIdenticalIndependentAndConstantChannels) {
  const MusicAnalysis m = ClickMusic(20.0);
  const int n = FramesFor(20.0);
  std::mt19937 rng(5);
  std::vector<uint8_t> same(n), indep(n), one_const(n);
  for (int i = 0; i < n; ++i) {
    const bool on = rng() % 2;
    same[i] = on ? 0xFF : 0x00;
    indep[i] = static_cast<uint8_t>(rng());
    one_const[i] = on ? 0x7F : 0x00;  // channel 7 never lights
  }
  auto s = JudgeShow(same, kPeriod, m);
  auto i = JudgeShow(indep, kPeriod, m);
  auto c = JudgeShow(one_const, kPeriod, m);
  ASSERT_TRUE(s.ok() && i.ok() && c.ok());
  EXPECT_NEAR(s->redundancy, 1.0, 1e-9);
  EXPECT_LT(i->redundancy, 0.1);
  EXPECT_NEAR(c->redundancy, 21.0 / 28.0, 1e-9);
  EXPECT_EQ(c->dead_channels, 1);
  EXPECT_EQ(s->dead_channels, 0);
}

TEST(ShowMetrics, TogglesDwellAndRelayRulesCountedExactly) {
  const double p = 1.0 / 64;  // 15.625 ms
  MusicAnalysis m;
  m.duration_s = 10 * p;
  m.loudness.db = {-20.0f};
  // ch0: 0 0 1 1 1 0 1 1 0 0 (toggles at 2,5,6,8); ch1: on from frame 7.
  const std::vector<uint8_t> masks = {0, 0, 1, 1, 1, 0, 1, 3, 2, 2};
  auto r = JudgeShow(masks, p, m);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->changes, 5);
  EXPECT_DOUBLE_EQ(r->toggles_per_s, 5 / (10 * p));
  EXPECT_DOUBLE_EQ(r->shortest_dwell_ms, 15.625);
  EXPECT_EQ(r->max_toggles_1s, 4);
  EXPECT_FALSE(r->relay_ok);
  EXPECT_EQ(r->dead_channels, 6);
  EXPECT_DOUBLE_EQ(r->duty[0], 0.5);
  EXPECT_DOUBLE_EQ(r->duty[1], 0.3);

  // A channel toggling every 125 ms makes 8 toggles in a second (allowed);
  // every 7 frames (109 ms) it makes 10 (not).
  for (int every : {8, 7}) {
    MusicAnalysis mm;
    mm.duration_s = 4.0;
    mm.loudness.db.assign(8, -20.0f);
    std::vector<uint8_t> t(256);
    for (int f = 0; f < 256; ++f) t[f] = (f / every) % 2;
    auto q = JudgeShow(t, p, mm);
    ASSERT_TRUE(q.ok());
    EXPECT_EQ(q->max_toggles_1s, every == 8 ? 8 : 10);
    EXPECT_DOUBLE_EQ(q->shortest_dwell_ms, every * 15.625);
    EXPECT_EQ(q->relay_ok, every == 8);
  }
}

TEST(ShowMetrics, BadInputIsRejectedWithTheValue) {
  const MusicAnalysis m = ClickMusic(10.0);
  EXPECT_FALSE(JudgeShow({}, kPeriod, m).ok());
  EXPECT_FALSE(JudgeShow(std::vector<uint8_t>(FramesFor(10.0)), 0.0, m).ok());
  auto mismatch = JudgeShow(std::vector<uint8_t>(100), kPeriod, m);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.status().message().find("100 frames"), std::string::npos);
  MetricsConfig four;
  four.channels = 4;
  auto bits = JudgeShow(std::vector<uint8_t>(FramesFor(10.0), 0x10), kPeriod, m, four);
  ASSERT_FALSE(bits.ok());
  EXPECT_NE(bits.status().message().find("0x10"), std::string::npos);
}

}  // namespace
}  // namespace ls::judge
