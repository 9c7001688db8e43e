// Every kind of bad input is INVALID_ARGUMENT with a message naming the problem.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "audio/decode.h"
#include "audio/synth.h"

namespace ls::audio {
namespace {

using ::testing::HasSubstr;

std::string Wav(const std::vector<float>& x, int channels = 1, int rate = 44100,
                Format f = Format::kWavPcm16) {
  auto bytes = EncodeAudio(x, channels, rate, f);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  return bytes.ok() ? *bytes : std::string();
}

// Asserts INVALID_ARGUMENT and that the message contains `words`.
void ExpectRejected(std::string_view bytes, const std::string& words) {
  auto audio = DecodeMemory(bytes);
  ASSERT_FALSE(audio.ok()) << "accepted; expected an error about '" << words << "'";
  EXPECT_EQ(audio.status().code(), absl::StatusCode::kInvalidArgument) << audio.status();
  EXPECT_THAT(std::string(audio.status().message()), HasSubstr(words));
}

TEST(BadInputTest, Empty) { ExpectRejected("", "empty"); }

TEST(BadInputTest, TextIsNotAudio) {
  ExpectRejected("This is a README, not a song.\nLine two.\n", "not audio");
}

TEST(BadInputTest, RandomBytesAreNotAudio) {
  std::mt19937 rng(7);
  // Plain junk, and junk behind the magic bytes of MP3 (frame sync), ID3,
  // Ogg and FLAC, which send the decoder down each format's path.
  const std::string magic[] = {"", "", "\xff\xfb\x90", "ID3\x03", "OggS", "fLaC"};
  for (int trial = 0; trial < 6; ++trial) {
    std::string junk = magic[trial];
    while (junk.size() < 8000u + trial * 1000u) junk.push_back(static_cast<char>(rng()));
    SCOPED_TRACE(trial);
    ExpectRejected(junk, "not audio");
  }
}

TEST(BadInputTest, TruncatedWavHeader) {
  std::string wav = Wav(Tone(440.0, 0.5, 44100));
  for (size_t cut : {6, 11, 20, 30, 40}) {
    SCOPED_TRACE(cut);
    ExpectRejected(std::string_view(wav).substr(0, cut), "truncated WAV header");
  }
}

TEST(BadInputTest, WavClaimingMoreDataThanPresentIsRejectedNotTruncated) {
  std::string wav = Wav(Tone(440.0, 1.0, 44100));
  ExpectRejected(std::string_view(wav).substr(0, wav.size() / 2), "claims");
  ExpectRejected(std::string_view(wav).substr(0, wav.size() - 1), "truncated WAV");
}

TEST(BadInputTest, TruncatedFlacIsRejected) {
  std::string flac = Wav(Tone(440.0, 2.0, 44100), 1, 44100, Format::kFlac);
  ExpectRejected(std::string_view(flac).substr(0, flac.size() / 2), "truncated");
}

TEST(BadInputTest, FlacHeaderClaimingHugeLengthIsRejectedCheaply) {
  std::string flac = Wav(Tone(440.0, 1.0, 44100), 1, 44100, Format::kFlac);
  ASSERT_EQ(flac.substr(0, 4), "fLaC");
  // STREAMINFO starts at byte 8; its 36-bit total-samples field ends at byte 25.
  flac[21] = static_cast<char>(flac[21] | 0x0F);
  for (int i = 22; i < 26; ++i) flac[i] = '\xff';
  ExpectRejected(flac, "claims 68719476735 frames");
}

TEST(BadInputTest, TruncatedMp3IsRejected) {
  std::string mp3 = Wav(Tone(440.0, 4.0, 44100), 1, 44100, Format::kMp3);
  ExpectRejected(std::string_view(mp3).substr(0, mp3.size() / 2), "truncated");
}

TEST(BadInputTest, ShorterThanOneFrame) {
  ExpectRejected(Wav(Tone(440.0, 1023.0 / 44100, 44100)), "too short");
  // After resampling: 500 samples at 22.05 kHz are ~1000 at 44.1 kHz.
  ExpectRejected(Wav(Tone(440.0, 500.0 / 22050, 22050), 1, 22050), "too short");
}

TEST(BadInputTest, NanAndInfInFloatWav) {
  for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                    -std::numeric_limits<float>::infinity()}) {
    std::vector<float> x = Tone(440.0, 0.5, 44100);
    x[5000] = bad;
    SCOPED_TRACE(bad);
    ExpectRejected(Wav(x, 1, 44100, Format::kWavFloat), "NaN or infinite");
  }
}

TEST(BadInputTest, TooManyChannels) {
  Signal s = ToChannels(Tone(440.0, 0.5, 44100), 9, 44100);
  ExpectRejected(Wav(s.samples, 9), "9 channels");
  // The same check applies to formats without a WAV header.
  Signal ten = ToChannels(Tone(440.0, 0.5, 44100), 10, 44100);
  ExpectRejected(Wav(ten.samples, 10, 44100, Format::kOggVorbis), "10 channels");
}

TEST(BadInputTest, ZeroChannels) {
  std::string wav = Wav(Tone(440.0, 0.5, 44100));
  wav[22] = 0;  // fmt chunk body starts at 20: format(2) then channels(2)
  wav[23] = 0;
  ExpectRejected(wav, "0 channels");
}

TEST(BadInputTest, SampleRateOutOfRange) {
  ExpectRejected(Wav(Tone(440.0, 1.0, 4000), 1, 4000), "sample rate 4000 Hz");
  ExpectRejected(Wav(Tone(440.0, 0.2, 384000), 1, 384000), "sample rate 384000 Hz");
  ExpectRejected(Wav(Tone(440.0, 1.0, 7999), 1, 7999, Format::kFlac), "sample rate is 7999 Hz");
}

TEST(BadInputTest, EdgeRatesAreAccepted) {
  EXPECT_TRUE(DecodeMemory(Wav(Tone(440.0, 1.0, 8000), 1, 8000)).ok());
  EXPECT_TRUE(DecodeMemory(Wav(Tone(440.0, 0.1, 192000), 1, 192000)).ok());
}

}  // namespace
}  // namespace ls::audio
