// The band renderer: bands, thresholds, hysteresis and dwell.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "audio/synth.h"
#include "dsp/stft.h"
#include "show/band_renderer.h"

namespace ls::show {
namespace {

dsp::Spectrogram Spec(const std::vector<float>& x, int hop = 1024) {
  auto spec = dsp::SharedStft().Magnitude(x.data(), x.size(), hop);
  EXPECT_TRUE(spec.ok()) << spec.status();
  return spec.ok() ? *spec : dsp::Spectrogram{};
}

std::vector<uint8_t> Render(const dsp::Spectrogram& spec, const BandConfig& cfg = {}) {
  auto masks = RenderBands(spec, cfg);
  EXPECT_TRUE(masks.ok()) << masks.status();
  return masks.ok() ? *masks : std::vector<uint8_t>{};
}

bool On(uint8_t mask, int c) { return (mask >> c) & 1; }

double Duty(const std::vector<uint8_t>& m, int c) {
  return m.empty() ? 0.0 : double(std::count_if(m.begin(), m.end(), [c](uint8_t v) { return On(v, c); })) / m.size();
}

int Toggles(const std::vector<uint8_t>& m, int c) {
  int t = 0;
  for (size_t i = 1; i < m.size(); ++i) t += On(m[i], c) != On(m[i - 1], c);
  return t;
}

// Frames whose 1024 samples lie entirely inside (or outside) a pulse of a
// PulsedTone(period, duty 0.5) starting on at t = 0.
bool FrameInsidePulse(int f, double period, bool on) {
  const double a = f * 1024.0 / 44100, b = (f * 1024.0 + 1024) / 44100;
  const double pa = std::fmod(a, period), pb = pa + (b - a);
  return on ? pb < period / 2 : (pa > period / 2 && pb < period);
}

TEST(BandBinsTest, EveryBandOwnsBinsInOrder) {
  std::vector<BinRange> bands = BandBins(BandConfig{});
  ASSERT_EQ(bands.size(), size_t(kChannels));
  EXPECT_GE(bands[0].first, 1);  // no DC
  for (int c = 0; c < kChannels; ++c) {
    EXPECT_LT(bands[c].first, bands[c].end) << "band " << c;
    if (c > 0) {
      EXPECT_EQ(bands[c].first, bands[c - 1].end) << "band " << c;
    }
  }
  // 100 Hz (bin 2.3) is in band 0 or 1; 5 kHz (bin 116) in band 5 or 6.
  EXPECT_LE(bands[1].first, 2);
  EXPECT_TRUE(bands[6].first <= 116 && 116 < bands[6].end);
  EXPECT_LE(bands[7].end, 15000 * 1024 / 44100 + 2);
}

TEST(BandConfigTest, RejectsBadConfigNamingTheField) {
  BandConfig cfg;
  cfg.min_dwell_frames = 0;
  EXPECT_NE(ValidateBandConfig(cfg).message().find("min_dwell_frames"), std::string::npos);
  cfg = {};
  cfg.off_sigma = 1.0;  // above on_sigma: no hysteresis band
  EXPECT_NE(ValidateBandConfig(cfg).message().find("off_sigma"), std::string::npos);
  cfg = {};
  cfg.high_hz = 30000;
  EXPECT_NE(ValidateBandConfig(cfg).message().find("high_hz"), std::string::npos);
  EXPECT_TRUE(ValidateBandConfig(BandConfig{}).ok());
  EXPECT_FALSE(RenderBands(dsp::Spectrogram{}, cfg).ok());
}

TEST(RenderBandsTest, PulsedLowToneLightsALowChannelOnly) {
  const double period = 0.5;
  auto masks = Render(Spec(audio::PulsedTone(100.0, 10.0, 44100, period)));
  ASSERT_FALSE(masks.empty());
  int inside = 0, lit_inside = 0, lit_outside = 0, outside = 0;
  for (int f = 0; f < int(masks.size()); ++f) {
    bool low = On(masks[f], 0) || On(masks[f], 1);
    if (FrameInsidePulse(f, period, true)) ++inside, lit_inside += low;
    if (FrameInsidePulse(f, period, false)) ++outside, lit_outside += low;
  }
  EXPECT_GT(inside, 50);
  EXPECT_GE(lit_inside, inside * 9 / 10) << "low channel dark during pulses";
  EXPECT_LE(lit_outside, outside / 10) << "low channel lit between pulses";
  // Hann leakage and the pulse edges reach channel 3 at most.
  for (int c = 4; c < kChannels; ++c) EXPECT_EQ(Duty(masks, c), 0.0) << "channel " << c;
}

TEST(RenderBandsTest, PulsedHighToneLightsAHighChannelOnly) {
  const double period = 0.5;
  auto masks = Render(Spec(audio::PulsedTone(5000.0, 10.0, 44100, period)));
  int inside = 0, lit_inside = 0, lit_outside = 0, outside = 0;
  for (int f = 0; f < int(masks.size()); ++f) {
    bool high = On(masks[f], 5) || On(masks[f], 6);
    if (FrameInsidePulse(f, period, true)) ++inside, lit_inside += high;
    if (FrameInsidePulse(f, period, false)) ++outside, lit_outside += high;
  }
  EXPECT_GE(lit_inside, inside * 9 / 10);
  EXPECT_LE(lit_outside, outside / 10);
  for (int c = 0; c < 5; ++c) EXPECT_EQ(Duty(masks, c), 0.0) << "channel " << c;
}

TEST(RenderBandsTest, SilenceIsAllDark) {
  auto masks = Render(Spec(audio::Silence(5.0, 44100)));
  ASSERT_EQ(masks.size(), size_t(dsp::FrameCount(5 * 44100, 1024)));
  for (uint8_t m : masks) ASSERT_EQ(m, 0);
  // Also on normalised log features.
  dsp::Spectrogram s = Spec(audio::Silence(5.0, 44100), 512);
  dsp::Log1pMinMax(s);
  for (uint8_t m : Render(s)) ASSERT_EQ(m, 0);
}

TEST(RenderBandsTest, SteadyToneStaysDark) {
  // Nothing changes, so nothing lights: a steady tone, and a steady tone
  // over quiet hiss (the hiss is far below the tone).
  std::vector<float> tone = audio::Tone(440.0, 10.0, 44100, 0.5f);
  std::vector<float> hiss = audio::WhiteNoise(10.0, 44100, 0.0005f, 8);
  for (size_t i = 0; i < tone.size(); ++i) hiss[i] += tone[i];
  for (const auto& x : {tone, hiss}) {
    auto masks = Render(Spec(x));
    for (int c = 0; c < kChannels; ++c) EXPECT_EQ(Toggles(masks, c), 0) << "channel " << c;
  }
}

TEST(RenderBandsTest, SteadyNoiseDoesNotFlickerInWideBands) {
  // The wide upper bands of steady white noise barely move (< 1.5 dB), so the
  // σ floor keeps them calm; the one-bin low bands do fluctuate (several dB
  // per frame), and there hysteresis and dwell bound the toggling.
  auto masks = Render(Spec(audio::WhiteNoise(20.0, 44100, 0.3f, 2)));
  const int n = int(masks.size());
  for (int c = 6; c < kChannels; ++c) EXPECT_LE(Toggles(masks, c), n / 50) << "channel " << c;
  EXPECT_LE(Toggles(masks, 5), n / 10);
  for (int c = 0; c < 5; ++c) EXPECT_LE(Toggles(masks, c), n / 3) << "channel " << c;
}

// A band hovering at its threshold: hysteresis and dwell keep the relay from
// toggling frame by frame, and every interior run lasts >= min_dwell_frames.
TEST(RenderBandsTest, HysteresisAndDwellStopChatter) {
  dsp::Spectrogram spec;
  spec.frames = 2000;
  spec.data.assign(size_t(spec.frames) * spec.bins, 0.0f);
  std::mt19937 rng(4);
  std::normal_distribution<double> noise_db(0.0, 1.5);
  const int bin = BandBins(BandConfig{})[3].first;
  for (int f = 0; f < spec.frames; ++f) {
    // A slow ±4 dB swell (200 frames) under 1.5 dB of frame noise: around
    // each crossing the level hovers at the threshold for many frames.
    double db = 4.0 * std::sin(2 * M_PI * f / 200.0) + noise_db(rng);
    spec.row(f)[bin] = float(100.0 * std::pow(10.0, db / 20));
  }
  BandConfig raw;  // one threshold, no dwell: what chatter looks like
  raw.on_sigma = raw.off_sigma = 0.0;
  raw.min_dwell_frames = 1;
  BandConfig cfg;
  cfg.min_dwell_frames = 3;
  auto chatter = Render(spec, raw), calm = Render(spec, cfg);
  const int raw_toggles = Toggles(chatter, 3), calm_toggles = Toggles(calm, 3);
  EXPECT_GT(raw_toggles, 200);               // the input really is noisy
  EXPECT_LT(calm_toggles, raw_toggles / 2);  // hysteresis + dwell calm it down
  EXPECT_LT(calm_toggles, spec.frames / 10);
  EXPECT_GE(calm_toggles, 2 * 2000 / 200);   // but the swell still shows
  EXPECT_GT(Duty(calm, 3), 0.25);
  EXPECT_LT(Duty(calm, 3), 0.75);
  for (int c = 0; c < kChannels; ++c) {
    if (c != 3) {
      EXPECT_EQ(Duty(calm, c), 0.0) << "empty band " << c;
    }
  }

  int run = 1;
  bool first_run = true;
  for (size_t i = 1; i < calm.size(); ++i) {
    if (On(calm[i], 3) == On(calm[i - 1], 3)) {
      ++run;
      continue;
    }
    if (!first_run) {
      EXPECT_GE(run, cfg.min_dwell_frames) << "run ending at frame " << i;
    }
    first_run = false;
    run = 1;
  }
}

TEST(RenderBandsTest, ChirpWalksUpThroughTheChannels) {
  auto masks = Render(Spec(audio::Chirp(20.0, 15000.0, 16.0, 44100)));
  // The middle lit frame of each channel comes later for higher channels.
  double last = -1;
  for (int c = 0; c < kChannels; ++c) {
    std::vector<int> lit;
    for (int f = 0; f < int(masks.size()); ++f) {
      if (On(masks[f], c)) lit.push_back(f);
    }
    ASSERT_FALSE(lit.empty()) << "channel " << c << " never lit";
    double mid = lit[lit.size() / 2];
    EXPECT_GT(mid, last) << "channel " << c;
    last = mid;
  }
}

TEST(RenderBandsTest, TuneUsesEveryChannelWithoutSticking) {
  audio::Signal tune = audio::MakeTune(24.0, 3);
  std::vector<float> mono(size_t(tune.frames()));
  for (size_t i = 0; i < mono.size(); ++i) mono[i] = 0.5f * (tune.samples[2 * i] + tune.samples[2 * i + 1]);
  for (bool log_features : {false, true}) {
    dsp::Spectrogram s = Spec(mono);
    if (log_features) dsp::Log1pMinMax(s);
    auto masks = Render(s);
    for (int c = 0; c < kChannels; ++c) {
      EXPECT_GT(Duty(masks, c), 0.1) << "channel " << c << (log_features ? " (log)" : "");
      EXPECT_LT(Duty(masks, c), 0.7) << "channel " << c << (log_features ? " (log)" : "");
    }
  }
}

}  // namespace
}  // namespace ls::show
