// The built-in carol: length, level, a quiet verse against a loud chorus, a
// kick pulse at the stated tempo, silence at the end, and the eight lights.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "audio/carol.h"
#include "audio/decode.h"
#include "dsp/stft.h"
#include "show/band_renderer.h"
#include "test_util.h"

namespace ls::audio {
namespace {

// One render shared by the tests (it is deterministic; checked below).
const Signal& Carol() {
  static const Signal* carol = new Signal(MakeCarol());
  return *carol;
}

std::vector<float> MonoSpan(const Signal& s, double from_s, double to_s) {
  std::vector<float> mono = ToMono(s);
  size_t a = std::min(mono.size(), size_t(from_s * s.sample_rate));
  size_t b = std::min(mono.size(), size_t(to_s * s.sample_rate));
  return std::vector<float>(mono.begin() + a, mono.begin() + b);
}

// Lag (s) of the highest autocorrelation of the low band's energy (kick and
// bass, below ~150 Hz) between min_lag and max_lag, in 10 ms hops; `strength`
// gets the normalised autocorrelation there.
double LowBandPeriod(const std::vector<float>& x, int rate, double min_lag, double max_lag,
                     double* strength) {
  const double k = 1.0 - std::exp(-6.283185307179586 * 150.0 / rate);
  const size_t hop = rate / 100;
  std::vector<double> env;
  double lp1 = 0, lp2 = 0, acc = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    lp1 += k * (x[i] - lp1);  // two one-pole low-passes, 12 dB/octave
    lp2 += k * (lp1 - lp2);
    acc += lp2 * lp2;
    if ((i + 1) % hop == 0) env.push_back(acc), acc = 0;
  }
  double mean = 0;
  for (double v : env) mean += v / env.size();
  for (double& v : env) v -= mean;
  auto ac = [&](size_t lag) {
    double s = 0;
    for (size_t i = lag; i < env.size(); ++i) s += env[i] * env[i - lag];
    return s;
  };
  const double zero = ac(0);
  size_t best = 0;
  double best_ac = -1e300;
  for (size_t lag = size_t(min_lag * 100); lag <= size_t(max_lag * 100); ++lag) {
    if (double a = ac(lag); a > best_ac) best_ac = a, best = lag;
  }
  *strength = best_ac / zero;
  // A parabola through the peak and its neighbours places it between hops.
  const double a = ac(best - 1), c = ac(best + 1), curve = a - 2 * best_ac + c;
  return (best + (curve < 0 ? 0.5 * (a - c) / curve : 0.0)) / 100.0;
}

TEST(CarolTest, IsAboutAMinuteOfStereoPeakingNearNinetyPercent) {
  const Signal& s = Carol();
  const CarolLayout l = CarolTimes();
  EXPECT_EQ(s.channels, 2);
  EXPECT_EQ(s.sample_rate, 44100);
  EXPECT_NEAR(double(s.frames()) / s.sample_rate, l.duration, 1e-3);
  EXPECT_GE(l.duration, 45.0);
  EXPECT_LE(l.duration, 61.0);
  EXPECT_DOUBLE_EQ(l.beat_s, 60.0 / l.bpm);
  EXPECT_LT(l.verse_start, l.chorus_start);
  EXPECT_LT(l.chorus_start, l.ending_start);
  EXPECT_LT(l.ending_start, l.silence_start);
  float peak = 0;
  for (float v : s.samples) peak = std::max(peak, std::fabs(v));
  EXPECT_LE(peak, 0.95f);
  EXPECT_GT(peak, 0.5f);
}

TEST(CarolTest, IsDeterministicAndCutsWithoutChangingLevels) {
  const Signal& full = Carol();
  EXPECT_EQ(MakeCarol().samples, full.samples);
  Signal cut = MakeCarol(10.0);
  ASSERT_EQ(cut.frames(), 10 * 44100);
  // Same samples up to the fade, which ends the cut at zero.
  EXPECT_TRUE(std::equal(cut.samples.begin(), cut.samples.begin() + 2 * 9 * 44100, full.samples.begin()));
  EXPECT_LT(std::fabs(cut.samples.back()), 1e-3f);
  EXPECT_EQ(MakeCarol(1000.0).samples, full.samples);  // longer than the song: all of it
}

TEST(CarolTest, ChorusIsAtLeastTenDecibelsLouderThanVerse) {
  const CarolLayout l = CarolTimes();
  const double verse = testing::Rms(MonoSpan(Carol(), l.verse_start, l.chorus_start));
  const double chorus = testing::Rms(MonoSpan(Carol(), l.chorus_start, l.ending_start));
  const double db = 20 * std::log10(chorus / verse);
  RecordProperty("chorus_over_verse_db", std::to_string(db));
  EXPECT_GE(db, 10.0) << "verse rms " << verse << ", chorus rms " << chorus;
  EXPECT_GT(verse, 0.01);  // quiet, not silent
}

TEST(CarolTest, KickPulsesAtTheStatedTempo) {
  const CarolLayout l = CarolTimes();
  struct Part {
    const char* name;
    double from, to;
  };
  // The verse's kick comes in at bar 5; the chorus has it on every beat.
  for (Part p : {Part{"verse", l.verse_start + 16 * l.beat_s, l.chorus_start},
                 Part{"chorus", l.chorus_start, l.ending_start}}) {
    double strength = 0;
    double period = LowBandPeriod(MonoSpan(Carol(), p.from, p.to), 44100, 0.25, 0.75, &strength);
    RecordProperty(std::string(p.name) + "_period_s", std::to_string(period));
    RecordProperty(std::string(p.name) + "_strength", std::to_string(strength));
    EXPECT_NEAR(period, l.beat_s, 0.005) << p.name;
    EXPECT_GT(strength, 0.5) << p.name;
  }
}

TEST(CarolTest, EndsInSilence) {
  const Signal& s = Carol();
  const CarolLayout l = CarolTimes();
  EXPECT_GE(l.duration - l.silence_start, 0.3);
  std::vector<float> tail = MonoSpan(s, l.silence_start, l.duration);
  ASSERT_FALSE(tail.empty());
  EXPECT_EQ(*std::max_element(tail.begin(), tail.end()), 0.0f);
  EXPECT_EQ(*std::min_element(tail.begin(), tail.end()), 0.0f);
  // ...and the ending chord sounds before it.
  EXPECT_GT(testing::Rms(MonoSpan(s, l.ending_start, l.ending_start + 0.5)), 0.05);
}

// As with the tune: every light channel has something to follow, none stuck on.
TEST(CarolTest, LightsAllEightChannels) {
  const Signal& carol = Carol();
  auto bytes = EncodeAudio(carol.samples, carol.channels, carol.sample_rate, Format::kWavPcm16);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto audio = DecodeMemory(*bytes);
  ASSERT_TRUE(audio.ok()) << audio.status();
  auto spec = dsp::SharedStft().Magnitude(audio->samples.data(), audio->samples.size(), 1024);
  ASSERT_TRUE(spec.ok()) << spec.status();
  auto masks = show::RenderBands(*spec);
  ASSERT_TRUE(masks.ok()) << masks.status();
  for (int c = 0; c < show::kChannels; ++c) {
    size_t on = std::count_if(masks->begin(), masks->end(), [c](uint8_t m) { return m >> c & 1; });
    double duty = double(on) / masks->size();
    RecordProperty("duty_" + std::to_string(c), std::to_string(duty));
    EXPECT_GT(duty, 0.05) << "channel " << c;
    EXPECT_LT(duty, 0.8) << "channel " << c;
  }
}

}  // namespace
}  // namespace ls::audio
