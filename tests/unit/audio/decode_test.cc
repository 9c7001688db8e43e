// Decoding every supported format, down-mixing and resampling.
#include <gtest/gtest.h>

#include <cmath>

#include "audio/decode.h"
#include "audio/synth.h"
#include "test_util.h"

namespace ls::audio {
namespace {

using testing::Rms;
using testing::ZeroCrossingHz;

struct FormatCase {
  Format format;
  int rate;
  const char* name;  // Audio::format
};

class DecodeFormatTest : public ::testing::TestWithParam<FormatCase> {};

// A 1 s stereo 440 Hz tone through each codec comes back as ~1 s of mono
// 44.1 kHz audio with the same pitch and level.
TEST_P(DecodeFormatTest, StereoToneRoundTrips) {
  const FormatCase& fc = GetParam();
  Signal s = ToChannels(Tone(440.0, 1.0, fc.rate, 0.5f), 2, fc.rate);
  auto bytes = EncodeAudio(s.samples, 2, fc.rate, fc.format);
  ASSERT_TRUE(bytes.ok()) << bytes.status();

  auto audio = DecodeMemory(*bytes);
  ASSERT_TRUE(audio.ok()) << audio.status();
  EXPECT_EQ(audio->format, fc.name);
  EXPECT_EQ(audio->source_channels, 2);
  EXPECT_EQ(audio->source_sample_rate, fc.rate);
  EXPECT_EQ(audio->sample_rate, kSampleRate);
  // Lossy codecs may pad by up to a few codec frames.
  EXPECT_NEAR(audio->duration_s(), 1.0, 0.03);
  EXPECT_NEAR(ZeroCrossingHz(audio->samples, kSampleRate), 440.0, 3.0);
  EXPECT_NEAR(Rms(audio->samples), 0.5 / std::sqrt(2.0), 0.03);
}

INSTANTIATE_TEST_SUITE_P(
    AllFormats, DecodeFormatTest,
    ::testing::Values(FormatCase{Format::kWavPcm16, 44100, "WAV"},
                      FormatCase{Format::kWavFloat, 44100, "WAV"},
                      FormatCase{Format::kFlac, 44100, "FLAC"},
                      FormatCase{Format::kOggVorbis, 44100, "OGG"},
                      FormatCase{Format::kOpus, 48000, "OPUS"},  // Opus has no 44.1 kHz
                      FormatCase{Format::kMp3, 44100, "MPEG"}),
    [](const auto& info) { return std::string(FormatName(info.param.format)); });

TEST(DecodeTest, StereoIsMeanOfChannels) {
  std::vector<float> a = Tone(300.0, 0.5, 44100, 0.4f), b = Tone(1700.0, 0.5, 44100, 0.3f);
  std::vector<float> inter;
  for (size_t i = 0; i < a.size(); ++i) inter.insert(inter.end(), {a[i], b[i]});
  auto bytes = EncodeAudio(inter, 2, 44100, Format::kWavFloat);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto audio = DecodeMemory(*bytes);
  ASSERT_TRUE(audio.ok()) << audio.status();
  ASSERT_EQ(audio->samples.size(), a.size());
  for (size_t i = 0; i < a.size(); i += 97) {
    ASSERT_NEAR(audio->samples[i], 0.5f * (a[i] + b[i]), 1e-6) << "sample " << i;
  }
}

TEST(DecodeTest, SixChannelsAreAveraged) {
  const int frames = 4096;
  std::vector<float> inter;
  for (int i = 0; i < frames; ++i) {
    for (int c = 0; c < 6; ++c) inter.push_back(0.05f * (c + 1) * (i % 2 ? 1.0f : -1.0f));
  }
  auto bytes = EncodeAudio(inter, 6, 44100, Format::kWavFloat);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto audio = DecodeMemory(*bytes);
  ASSERT_TRUE(audio.ok()) << audio.status();
  EXPECT_EQ(audio->source_channels, 6);
  ASSERT_EQ(audio->samples.size(), static_cast<size_t>(frames));
  EXPECT_NEAR(audio->samples[0], -0.175f, 1e-6);  // mean of 0.05..0.30
  EXPECT_NEAR(audio->samples[1], 0.175f, 1e-6);
}

class ResampleRateTest : public ::testing::TestWithParam<int> {};

// Other rates are resampled to 44.1 kHz: the length scales and a 1 kHz tone
// stays at 1 kHz.
TEST_P(ResampleRateTest, ToneSurvivesResampling) {
  const int rate = GetParam();
  auto bytes = EncodeAudio(Tone(1000.0, 1.0, rate, 0.5f), 1, rate, Format::kWavFloat);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto audio = DecodeMemory(*bytes);
  ASSERT_TRUE(audio.ok()) << audio.status();
  EXPECT_EQ(audio->source_sample_rate, rate);
  EXPECT_EQ(audio->source_frames, rate);
  EXPECT_EQ(audio->sample_rate, kSampleRate);
  EXPECT_NEAR(double(audio->samples.size()), 44100.0, 2.0);
  EXPECT_NEAR(ZeroCrossingHz(audio->samples, kSampleRate), 1000.0, 2.0);
  EXPECT_NEAR(Rms(audio->samples), 0.5 / std::sqrt(2.0), 0.01);
}

INSTANTIATE_TEST_SUITE_P(Rates, ResampleRateTest, ::testing::Values(8000, 22050, 48000, 96000, 192000));

TEST(DecodeTest, SilenceIsValid) {
  auto bytes = EncodeAudio(Silence(1.0, 44100), 1, 44100, Format::kWavPcm16);
  ASSERT_TRUE(bytes.ok());
  auto audio = DecodeMemory(*bytes);
  ASSERT_TRUE(audio.ok()) << audio.status();
  EXPECT_EQ(audio->samples.size(), 44100u);
  EXPECT_EQ(Rms(audio->samples), 0.0);
}

TEST(DecodeTest, EightChannelsAreValid) {
  Signal s = ToChannels(Tone(440.0, 0.2, 44100), 8, 44100);
  auto bytes = EncodeAudio(s.samples, 8, 44100, Format::kWavPcm16);
  ASSERT_TRUE(bytes.ok());
  auto audio = DecodeMemory(*bytes);
  ASSERT_TRUE(audio.ok()) << audio.status();
  EXPECT_EQ(audio->source_channels, 8);
}

TEST(DecodeTest, ExactlyOneFrameIsEnough) {
  auto bytes = EncodeAudio(Tone(440.0, 1024.0 / 44100, 44100), 1, 44100, Format::kWavPcm16);
  ASSERT_TRUE(bytes.ok());
  auto audio = DecodeMemory(*bytes);
  ASSERT_TRUE(audio.ok()) << audio.status();
  EXPECT_EQ(audio->samples.size(), 1024u);
}

TEST(ResampleTest, RejectsBadRatesAndKeepsEqualRate) {
  std::vector<float> x = Tone(440.0, 0.1, 44100);
  EXPECT_EQ(Resample(x, 0, 44100).status().code(), absl::StatusCode::kInvalidArgument);
  auto same = Resample(x, 44100, 44100);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, x);
  auto half = Resample(x, 44100, 22050);
  ASSERT_TRUE(half.ok());
  EXPECT_NEAR(double(half->size()), x.size() / 2.0, 2.0);
}

}  // namespace
}  // namespace ls::audio
