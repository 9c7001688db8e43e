// Clip descriptors measure what they claim on synthetic sounds: pitch class,
// tempo, flatness and level.
#include "classify/clip_features.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "audio/synth.h"
#include "classify/song_frames.h"

namespace ls::classify {
namespace {

constexpr int kRate = 44100;
// Offsets into the descriptor vector (clip_features.h order).
constexpr int kChroma = 3 * kDescriptorBands + kContrastBands;
constexpr int kFlatness = kChroma + 12 + 2;
constexpr int kTempo = kFlatness + 2 + 2;
constexpr int kLevel = kTempo + 2;

std::vector<float> Describe(const std::vector<float>& x) {
  auto mag = dsp::SharedStft().Magnitude(x.data(), x.size(), kHop);
  EXPECT_TRUE(mag.ok());
  std::vector<float> d(kDescriptorDims);
  ClipDescriptors(*mag, 0, mag->frames, d.data());
  return d;
}

TEST(ClipDescriptors, ChromaFindsThePitchClass) {
  // 440 Hz is A (class 0); 523.25 Hz is C, three semitones up.
  for (auto [hz, cls] : {std::pair{440.0, 0}, std::pair{523.25, 3}}) {
    const std::vector<float> d = Describe(audio::Tone(hz, 4.0, kRate));
    const auto first = d.begin() + kChroma;
    EXPECT_EQ(std::max_element(first, first + 12) - first, cls) << hz;
    EXPECT_GT(first[cls], 0.5f) << hz;
  }
}

TEST(ClipDescriptors, TempoOfAPulse) {
  // A pulse every 22 frames (≈ 1.96 per second); lags are whole frames.
  const double period = 22.0 * kHop / kRate;
  const std::vector<float> d = Describe(audio::PulsedTone(330.0, 10.0, kRate, period, 0.3, 0.5f));
  EXPECT_NEAR(d[kTempo], 1.0 / period, 0.1);
  EXPECT_GT(d[kTempo + 1], 0.5f);  // strongly periodic
}

TEST(ClipDescriptors, NoiseIsFlatterAndLevelFollowsAmplitude) {
  const std::vector<float> tone = Describe(audio::Tone(440.0, 4.0, kRate, 0.5f));
  const std::vector<float> noise = Describe(audio::WhiteNoise(4.0, kRate, 0.5f, 3));
  const std::vector<float> quiet = Describe(audio::WhiteNoise(4.0, kRate, 0.05f, 3));
  EXPECT_GT(noise[kFlatness], tone[kFlatness] + 1.0f);
  // 20 dB quieter is log(100) ≈ 4.6 lower in log power.
  EXPECT_NEAR(noise[kLevel] - quiet[kLevel], 4.6, 0.1);
}

// The embedding's band statistics: percentiles in order, a steady tone's
// band has no frame-to-frame change, and hiss above 16 kHz (where encoders
// differ) shows in the top bands.
TEST(ClipEmbedding, BandStatisticsAndTheTopBands) {
  auto embed = [](const std::vector<float>& x) {
    auto mag = dsp::SharedStft().Magnitude(x.data(), x.size(), kHop);
    EXPECT_TRUE(mag.ok());
    std::vector<float> e(kEmbeddingDims);
    ClipEmbedding(*mag, 0, mag->frames, e.data());
    return e;
  };
  std::vector<float> tone = audio::Tone(440.0, 4.0, kRate, 0.5f);
  const std::vector<float> e = embed(tone);
  for (int b = 0; b < kEmbeddingBands; ++b) {
    const float* o = &e[b * kEmbeddingStats];
    EXPECT_LE(o[2], o[3]) << b;
    EXPECT_LE(o[3], o[4]) << b;
  }
  // The loudest band holds 440 Hz and is steady.
  int loud = 0;
  for (int b = 1; b < kEmbeddingBands; ++b) {
    if (e[b * kEmbeddingStats] > e[loud * kEmbeddingStats]) loud = b;
  }
  EXPECT_LT(e[loud * kEmbeddingStats + 5], 0.05f);
  // Descriptors follow the bands (same values as ClipDescriptors alone).
  const std::vector<float> d = Describe(tone);
  EXPECT_NEAR(e[kEmbeddingStats * kEmbeddingBands + kLevel], d[kLevel], 1e-4);
  // High hiss raises the top band by far more than the tone's leakage.
  std::vector<float> hiss = audio::WhiteNoise(4.0, kRate, 0.05f, 5), mix = tone;
  for (size_t i = 0; i < mix.size(); ++i) mix[i] += hiss[i];
  const int top = (kEmbeddingBands - 1) * kEmbeddingStats;
  EXPECT_GT(embed(mix)[top] - e[top], 3.0f);
}

}  // namespace
}  // namespace ls::classify
