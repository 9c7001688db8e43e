// The decoded-length bound: tiny files of hours of silence are refused from
// their header or while decoding, before the samples past the bound are stored.
#include <gtest/gtest.h>

#include <chrono>

#include "audio/decode.h"
#include "long_silence.h"

namespace ls::audio {
namespace {

constexpr double kTenHours = 10 * 3600.0;
constexpr double kTwentyMinutes = 20 * 60.0;

void ExpectTooLong(const absl::StatusOr<Audio>& a, const std::string& limit = "20 min") {
  ASSERT_FALSE(a.ok()) << "decoded " << a->duration_s() << " s";
  EXPECT_EQ(a.status().code(), absl::StatusCode::kResourceExhausted) << a.status();
  EXPECT_NE(a.status().message().find("--max-song-minutes"), std::string::npos) << a.status();
  EXPECT_NE(a.status().message().find(limit), std::string::npos) << a.status();
}

// The crafted files are real audio: a short one decodes to its length.
TEST(DecodeLimits, CraftedSilenceIsValidAudio) {
  auto flac = DecodeMemory(testutil::LongSilenceFlac(10.0), 1024, kTwentyMinutes);
  ASSERT_TRUE(flac.ok()) << flac.status();
  EXPECT_EQ(flac->format, "FLAC");
  EXPECT_NEAR(flac->duration_s(), 10.0, 0.01);

  auto unknown = DecodeMemory(testutil::LongSilenceFlac(10.0, 8000, false), 1024, kTwentyMinutes);
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  EXPECT_NEAR(unknown->duration_s(), 10.0, 0.01);

  const std::string ogg = testutil::LongSilenceOgg(60.0);
  ASSERT_FALSE(ogg.empty()) << "the encoder's Ogg had no repeatable run of pages";
  auto vorbis = DecodeMemory(ogg, 1024, kTwentyMinutes);
  ASSERT_TRUE(vorbis.ok()) << vorbis.status();
  EXPECT_EQ(vorbis->format, "OGG");
  EXPECT_GE(vorbis->duration_s(), 60.0);
}

TEST(DecodeLimits, TenHourFlacIsRefusedFromItsHeader) {
  const std::string bytes = testutil::LongSilenceFlac(kTenHours);
  EXPECT_LT(bytes.size(), 100u << 10);
  const auto t0 = std::chrono::steady_clock::now();
  ExpectTooLong(DecodeMemory(bytes, 1024, kTwentyMinutes));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
}

// No length in the header: the read loop stops at the bound (1 min here, to
// keep the test fast; the bound's arithmetic does not depend on its size).
TEST(DecodeLimits, TenHourFlacWithoutLengthIsRefusedWhileDecoding) {
  const std::string bytes = testutil::LongSilenceFlac(kTenHours, 8000, false);
  ExpectTooLong(DecodeMemory(bytes, 1024, 60.0), "1 min");
}

TEST(DecodeLimits, TenHourOggIsRefused) {
  const std::string bytes = testutil::LongSilenceOgg(kTenHours);
  ASSERT_FALSE(bytes.empty());
  EXPECT_LT(bytes.size(), 4u << 20);
  ExpectTooLong(DecodeMemory(bytes, 1024, kTwentyMinutes));
}

// Right at the bound is accepted; the default (0) keeps stored songs readable.
TEST(DecodeLimits, BoundIsInclusiveAndZeroMeansNone) {
  const std::string bytes = testutil::LongSilenceFlac(10.0);
  EXPECT_TRUE(DecodeMemory(bytes, 1024, 10.0).ok());
  EXPECT_FALSE(DecodeMemory(bytes, 1024, 9.9).ok());
  EXPECT_TRUE(DecodeMemory(bytes).ok());
}

}  // namespace
}  // namespace ls::audio
