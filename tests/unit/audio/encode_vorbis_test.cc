// Vorbis for the preview page: a whole song encodes on a worker-sized stack
// and decodes back to the same length.
#include <thread>

#include "audio/decode.h"
#include "audio/encode_vorbis.h"
#include "audio/synth.h"
#include "gtest/gtest.h"

namespace ls::audio {
namespace {

TEST(EncodeVorbis, TwoMinutesOnAThreadStackAndBackAgain) {
  // 2 minutes in one buffer: one libvorbis write of it needed ~21 MB of stack.
  std::vector<float> song = Tone(440.0, 120.0, kSampleRate);
  absl::StatusOr<std::string> ogg = absl::InternalError("not run");
  std::thread t([&] { ogg = EncodeVorbis(song, kSampleRate, 0.6); });
  t.join();
  ASSERT_TRUE(ogg.ok()) << ogg.status();
  EXPECT_EQ(ogg->substr(0, 4), "OggS");
  auto back = DecodeMemory(*ogg);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_NEAR(back->duration_s(), 120.0, 0.05);
}

TEST(EncodeVorbis, QualityOutsideZeroToOneIsNamed) {
  EXPECT_EQ(EncodeVorbis({0.f}, kSampleRate, 1.5).status().message(), "Vorbis quality must be 0..1, got 1.5");
}

}  // namespace
}  // namespace ls::audio
