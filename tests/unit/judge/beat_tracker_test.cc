// The judge's beat tracker and onset detector on signals with known beats.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <gtest/gtest.h>

#include "audio/synth.h"
#include "judge/beat_tracker.h"
#include "judge/loudness.h"
#include "judge/music_analysis.h"
#include "judge/onset_envelope.h"

namespace ls::judge {
namespace {

constexpr int kRate = 44100;

// A 1 kHz tone burst with a fast exponential decay at every click time
// (the classic metronome click), over faint noise so the song is not silent.
std::vector<float> Clicks(const std::vector<double>& times, double seconds, int rate = kRate) {
  std::vector<float> x = audio::WhiteNoise(seconds, rate, 0.002f, 7);
  for (double t : times) {
    const size_t s0 = static_cast<size_t>(std::llround(t * rate));
    for (int i = 0; i < rate / 10 && s0 + i < x.size(); ++i) {
      x[s0 + i] += 0.6f * std::exp(-i / (0.01 * rate)) * std::sin(2 * M_PI * 1000.0 * i / rate);
    }
  }
  return x;
}

std::vector<double> Grid(double start, double step, double end) {
  std::vector<double> t;
  for (double x = start; x < end - 1e-9; x += step) t.push_back(x);
  return t;
}

// Every found beat is within tol of a click, and (with every_click) every
// click but the first and last, which the trim may drop, has a beat within tol.
void ExpectBeatsOn(const std::vector<double>& beats, const std::vector<double>& clicks, double tol,
                   const char* what, bool every_click = true) {
  ASSERT_FALSE(beats.empty()) << what;
  double worst = 0, sum = 0;
  for (double b : beats) {
    double d = 1e9;
    for (double c : clicks) d = std::min(d, std::abs(b - c));
    worst = std::max(worst, d);
    sum += d;
    EXPECT_LE(d, tol) << what << ": beat at " << b << " s is " << d * 1000 << " ms from a click";
  }
  int missed = 0;
  for (size_t i = 1; i + 1 < clicks.size(); ++i) {
    double d = 1e9;
    for (double b : beats) d = std::min(d, std::abs(b - clicks[i]));
    missed += d > tol;
  }
  if (every_click) {
    EXPECT_EQ(missed, 0) << what << ": clicks without a beat";
  }
  std::printf("%s: %zu beats for %zu clicks, mean error %.1f ms, worst %.1f ms\n", what, beats.size(),
              clicks.size(), 1000 * sum / beats.size(), 1000 * worst);
}

TEST(BeatTracker, ClickTrackAt120BpmGivesBeatsOnTheClicks) {
  const std::vector<double> clicks = Grid(0.25, 0.5, 20.0);
  const std::vector<float> x = Clicks(clicks, 20.0);
  auto env = ComputeOnsetEnvelope(x.data(), x.size(), kRate);
  ASSERT_TRUE(env.ok()) << env.status();
  auto beats = TrackBeats(*env);
  ASSERT_TRUE(beats.ok()) << beats.status();
  EXPECT_NEAR(beats->bpm, 120.0, 2.0);
  ExpectBeatsOn(beats->times_s, clicks, 0.020, "120 BPM clicks");
  // Onsets: one per click, on the click.
  const std::vector<Onset> onsets = PickOnsets(*env);
  std::vector<double> ot;
  for (const Onset& o : onsets) ot.push_back(o.time_s);
  EXPECT_EQ(ot.size(), clicks.size());
  ExpectBeatsOn(ot, clicks, 0.020, "120 BPM click onsets");
}

TEST(BeatTracker, FollowsATempoChangeMidSong) {
  std::vector<double> clicks = Grid(0.25, 0.5, 12.3);       // 120 BPM to 12.25 s
  for (double t : Grid(12.85, 0.6, 24.0)) clicks.push_back(t);  // then 100 BPM
  const std::vector<float> x = Clicks(clicks, 24.0);
  auto env = ComputeOnsetEnvelope(x.data(), x.size(), kRate);
  ASSERT_TRUE(env.ok()) << env.status();
  auto beats = TrackBeats(*env);
  ASSERT_TRUE(beats.ok()) << beats.status();
  ExpectBeatsOn(beats->times_s, clicks, 0.020, "120 -> 100 BPM clicks");
}

TEST(BeatTracker, TuneAt120BpmAndOtherSampleRates) {
  audio::Signal tune = audio::MakeTune(16.0, 3);
  const std::vector<float> mono = audio::ToMono(tune);
  auto m = AnalyzeMusic(mono.data(), mono.size(), tune.sample_rate);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_NEAR(m->beats.bpm, 120.0, 2.0);
  EXPECT_GE(m->beats.times_s.size(), 24u);
  ExpectBeatsOn(m->beats.times_s, Grid(0.0, 0.5, 16.0), 0.030, "tune (kick/snare on the beat)",
                /*every_click=*/false);  // the drumless intro is trimmed
  for (int rate : {8000, 22050, 96000}) {
    const std::vector<double> clicks = Grid(0.25, 0.5, 10.0);
    const std::vector<float> x = Clicks(clicks, 10.0, rate);
    auto a = AnalyzeMusic(x.data(), x.size(), rate);
    ASSERT_TRUE(a.ok()) << a.status();
    EXPECT_NEAR(a->beats.bpm, 120.0, 2.0) << rate;
    ExpectBeatsOn(a->beats.times_s, clicks, 0.025, rate == 8000 ? "8 kHz" : rate == 22050 ? "22.05 kHz" : "96 kHz");
  }
}

TEST(BeatTracker, SilenceHasNoBeatsAndBadInputIsRejected) {
  const std::vector<float> quiet = audio::Silence(3.0, kRate);
  auto m = AnalyzeMusic(quiet.data(), quiet.size(), kRate);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_TRUE(m->beats.times_s.empty());
  EXPECT_TRUE(m->onsets.empty());
  EXPECT_EQ(m->beats.bpm, 0.0);

  EXPECT_FALSE(ComputeOnsetEnvelope(nullptr, 0, kRate).ok());
  EXPECT_FALSE(ComputeOnsetEnvelope(quiet.data(), quiet.size(), 1000).ok());
  OnsetConfig bad;
  bad.mel_bands = 0;
  auto e = ComputeOnsetEnvelope(quiet.data(), quiet.size(), kRate, bad);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("mel_bands"), std::string::npos);
  EXPECT_FALSE(TrackBeats(OnsetEnvelope{}).ok());
  EXPECT_FALSE(RmsLoudness(nullptr, 0, kRate).ok());
  // A song shorter than one window: one window.
  auto l = RmsLoudness(quiet.data(), 100, kRate);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->db.size(), 1u);
}

}  // namespace
}  // namespace ls::judge
