// The generators and the demo tune.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "audio/decode.h"
#include "audio/synth.h"
#include "dsp/stft.h"
#include "show/band_renderer.h"
#include "test_util.h"

namespace ls::audio {
namespace {

using testing::Rms;
using testing::ZeroCrossingHz;

TEST(SynthTest, GeneratorsHaveTheRequestedShape) {
  EXPECT_EQ(Tone(440.0, 2.0, 44100).size(), 88200u);
  EXPECT_NEAR(ZeroCrossingHz(Tone(440.0, 1.0, 44100), 44100), 440.0, 1.0);
  EXPECT_NEAR(Rms(Tone(440.0, 1.0, 44100, 0.5f)), 0.5 / std::sqrt(2.0), 1e-3);
  EXPECT_EQ(Rms(Silence(1.0, 44100)), 0.0);
  std::vector<float> noise = WhiteNoise(1.0, 44100, 0.5f, 3);
  EXPECT_NEAR(Rms(noise), 0.5 / std::sqrt(3.0), 0.01);
  EXPECT_EQ(noise, WhiteNoise(1.0, 44100, 0.5f, 3));
  EXPECT_NE(noise, WhiteNoise(1.0, 44100, 0.5f, 4));
}

TEST(SynthTest, PulsedToneIsSilentBetweenPulses) {
  std::vector<float> p = PulsedTone(440.0, 2.0, 44100, 0.5, 0.5);
  auto peak = [&](double a, double b) {
    float m = 0;
    for (size_t i = size_t(a * 44100); i < size_t(b * 44100); ++i) m = std::max(m, std::fabs(p[i]));
    return m;
  };
  EXPECT_GT(peak(0.05, 0.2), 0.45f);  // on
  EXPECT_EQ(peak(0.26, 0.49), 0.0f);  // off
  EXPECT_GT(peak(0.55, 0.7), 0.45f);  // on again
}

TEST(SynthTest, ChirpSweepsUp) {
  std::vector<float> c = Chirp(200.0, 2000.0, 2.0, 44100);
  std::vector<float> first(c.begin(), c.begin() + 44100 / 4), last(c.end() - 44100 / 4, c.end());
  EXPECT_LT(ZeroCrossingHz(first, 44100), 400.0);
  EXPECT_GT(ZeroCrossingHz(last, 44100), 1700.0);
}

TEST(SynthTest, TuneIsDeterministicStereoAndBounded) {
  Signal a = MakeTune(8.0, 5), b = MakeTune(8.0, 5), c = MakeTune(8.0, 6);
  EXPECT_EQ(a.channels, 2);
  EXPECT_EQ(a.sample_rate, 44100);
  EXPECT_EQ(a.frames(), 8 * 44100);
  EXPECT_EQ(a.samples, b.samples);
  EXPECT_NE(a.samples, c.samples);
  float peak = 0;
  for (float v : a.samples) peak = std::max(peak, std::fabs(v));
  EXPECT_NEAR(peak, 0.9f, 1e-4);
}

// The demo tune survives encoding and lights every channel at some point
// without leaving any channel stuck on.
TEST(SynthTest, TuneDecodesAndLightsAllEightChannels) {
  Signal tune = MakeTune(24.0, 1);
  auto bytes = EncodeAudio(tune.samples, tune.channels, tune.sample_rate, Format::kWavPcm16);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto audio = DecodeMemory(*bytes);
  ASSERT_TRUE(audio.ok()) << audio.status();
  EXPECT_NEAR(audio->duration_s(), 24.0, 0.01);

  auto spec = dsp::SharedStft().Magnitude(audio->samples.data(), audio->samples.size(), 1024);
  ASSERT_TRUE(spec.ok()) << spec.status();
  auto masks = show::RenderBands(*spec);
  ASSERT_TRUE(masks.ok()) << masks.status();
  for (int c = 0; c < show::kChannels; ++c) {
    size_t on = std::count_if(masks->begin(), masks->end(), [c](uint8_t m) { return m >> c & 1; });
    double duty = double(on) / masks->size();
    EXPECT_GT(duty, 0.05) << "channel " << c;
    EXPECT_LT(duty, 0.8) << "channel " << c;
  }
}

TEST(Synth, ToMonoAveragesChannelsAndInvertsToChannels) {
  Signal st;
  st.channels = 2;
  st.samples = {1.0f, 0.0f, -0.5f, 0.5f, 0.25f, 0.75f};
  EXPECT_EQ(ToMono(st), (std::vector<float>{0.5f, 0.0f, 0.5f}));
  const std::vector<float> mono = {0.1f, -0.2f, 0.3f};
  EXPECT_EQ(ToMono(ToChannels(mono, 3, 44100)), mono);
}

}  // namespace
}  // namespace ls::audio
