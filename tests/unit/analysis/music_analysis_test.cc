// Beats, tempo, onsets and loudness found at ingest (aubio + our beat grid).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "analysis/music_analysis.h"
#include "audio/beat_signals.h"
#include "audio/synth.h"

namespace ls::analysis {
namespace {

constexpr int kRate = 44100;

MusicAnalysis AnalyzeOk(const std::vector<float>& x, int rate = kRate) {
  auto a = Analyze(x.data(), x.size(), rate);
  EXPECT_TRUE(a.ok()) << a.status();
  return a.ok() ? *a : MusicAnalysis{};
}

double Nearest(const std::vector<double>& v, double t) {
  double best = 1e9;
  for (double x : v) best = std::min(best, std::abs(x - t));
  return best;
}

// Every found beat is within ±20 ms of a click, and every click (after the
// first second) has a beat within ±20 ms.
void ExpectBeatsOnClicks(const MusicAnalysis& a, const std::vector<double>& clicks, double from_s) {
  ASSERT_TRUE(a.steady_beat) << a.beat_note;
  int missed = 0, counted = 0;
  for (double c : clicks) {
    if (c < from_s) continue;
    ++counted;
    missed += Nearest(a.beats_s, c) > 0.020;
  }
  EXPECT_LE(missed, counted / 20) << missed << " of " << counted << " clicks have no beat within 20 ms";
  int stray = 0;
  for (double b : a.beats_s) stray += Nearest(clicks, b) > 0.020;
  EXPECT_LE(stray, 1) << stray << " beats are off the clicks";
}

TEST(AnalyzeTest, ClickTrackAt120BpmFindsEveryBeat) {
  std::vector<double> clicks;
  auto x = audio::ClickTrack({{120, 20}}, kRate, 0.6f, &clicks);
  MusicAnalysis a = AnalyzeOk(x);
  EXPECT_NEAR(a.bpm, 120, 2);
  ExpectBeatsOnClicks(a, clicks, 0.0);
  EXPECT_EQ(a.beat_note, "steady beat");
  EXPECT_GE(a.onsets.size(), clicks.size() * 9 / 10);
}

TEST(AnalyzeTest, FollowsATempoChange) {
  std::vector<double> clicks;
  auto x = audio::ClickTrack({{100, 16}, {140, 16}}, kRate, 0.6f, &clicks);
  MusicAnalysis a = AnalyzeOk(x);
  ASSERT_TRUE(a.steady_beat) << a.beat_note;
  // Intervals in the last 8 s are the new tempo's.
  std::vector<double> late;
  for (size_t i = 1; i < a.beats_s.size(); ++i) {
    if (a.beats_s[i - 1] > 24) late.push_back(a.beats_s[i] - a.beats_s[i - 1]);
  }
  ASSERT_GE(late.size(), 10u);
  int off = 0;
  for (double d : late) off += std::abs(d - 60.0 / 140) > 0.03;
  EXPECT_LE(off, 2) << "of " << late.size() << " intervals";  // one misplaced beat spoils two
  // And the early part the old one.
  int early_on = 0, early = 0;
  for (double c : clicks) {
    if (c > 2 && c < 14) {
      ++early;
      early_on += Nearest(a.beats_s, c) <= 0.020;
    }
  }
  EXPECT_GE(early_on, early * 9 / 10);
}

TEST(AnalyzeTest, SilenceHasNoBeatAndIsDark) {
  auto x = audio::Silence(5, kRate);
  MusicAnalysis a = AnalyzeOk(x);
  EXPECT_FALSE(a.steady_beat);
  EXPECT_TRUE(a.beats_s.empty());
  EXPECT_EQ(a.beat_note, "silent");
  for (float db : a.loudness_db) EXPECT_LE(db, -100);
}

TEST(AnalyzeTest, PinkNoiseHasNoSteadyBeat) {
  auto x = audio::PinkNoise(20, kRate, 0.5f, 7);
  MusicAnalysis a = AnalyzeOk(x);
  EXPECT_FALSE(a.steady_beat) << a.bpm << " BPM, confidence " << a.tempo_confidence;
  EXPECT_NE(a.beat_note.find("no steady beat"), std::string::npos) << a.beat_note;
  EXPECT_TRUE(a.beats_s.empty());
}

TEST(AnalyzeTest, ACrescendoRaisesTheEnvelope) {
  auto x = audio::PinkNoise(10, kRate, 0.5f, 3);
  audio::DbRamp(x, -40, 0);
  MusicAnalysis a = AnalyzeOk(x);
  const float early = LoudnessAt(a, 1.0), mid = LoudnessAt(a, 5.0), late = LoudnessAt(a, 9.0);
  EXPECT_NEAR(late - early, 32, 3);
  EXPECT_LT(early, mid);
  EXPECT_LT(mid, late);
}

TEST(AnalyzeTest, WorksAcrossRatesAndLengths) {
  for (int rate : {8000, 22050, 96000, 192000}) {
    std::vector<double> clicks;
    auto x = audio::ClickTrack({{120, 16}}, rate, 0.6f, &clicks);
    MusicAnalysis a = AnalyzeOk(x, rate);
    EXPECT_NEAR(a.bpm, 120, 3) << rate << " Hz";
    EXPECT_NEAR(a.duration_s, 16, 0.01);
  }
  // Shorter than one analysis frame, and a quarter second: no beat, no crash.
  for (size_t n : {size_t{100}, size_t{kRate / 4}}) {
    auto x = audio::Tone(440, double(n) / kRate, kRate);
    MusicAnalysis a = AnalyzeOk(x);
    EXPECT_FALSE(a.steady_beat);
    EXPECT_FALSE(a.loudness_db.empty());
  }
}

TEST(AnalyzeTest, RejectsNoSamplesAndBadRates) {
  std::vector<float> x(1000, 0.1f);
  EXPECT_EQ(Analyze(x.data(), 0, kRate).status().code(), absl::StatusCode::kInvalidArgument);
  auto st = Analyze(x.data(), x.size(), 4000).status();
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("4000"), std::string::npos) << st;
}

}  // namespace
}  // namespace ls::analysis
