// The FSEQ resampling rule and writer's bounds, and the preview's colour option.
#include "cli/fseq.h"
#include "cli/preview_page.h"
#include "gtest/gtest.h"

namespace ls::cli {
namespace {

TEST(ResampleMasks, OnWhenLitForAtLeastHalfTheStep) {
  // Frames of 10 ms, steps of 25 ms: step 0 = [0,25) sees frames 0,1 and half of 2.
  const int64_t p = 10'000'000;
  // ch0 lit in frames 0,1 (20 of 25 ms) → on; ch1 lit in frame 2 only (5 ms) → off;
  // ch2 lit in frames 0-2 (25 ms) → on.
  std::string masks = {'\x05', '\x05', '\x06', '\x00', '\x00'};
  std::string out = ResampleMasks(masks, 1, p, 25);
  ASSERT_EQ(out.size(), 2u);  // 50 ms of show → 2 steps
  EXPECT_EQ(static_cast<uint8_t>(out[0]), 0x05);
  EXPECT_EQ(static_cast<uint8_t>(out[1]), 0x00);  // [25,50): ch1,ch2 lit 5 ms only
}

TEST(ResampleMasks, TimePastTheEndCountsAsOffAndStepsRoundUp) {
  std::string masks(3, '\xff');  // 30 ms lit
  std::string out = ResampleMasks(masks, 1, 10'000'000, 20);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(static_cast<uint8_t>(out[0]), 0xff);
  EXPECT_EQ(static_cast<uint8_t>(out[1]), 0xff);  // [20,40): 10 of 20 ms lit = half → on
  out = ResampleMasks(std::string(3, '\xff'), 1, 10'000'000, 25);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(static_cast<uint8_t>(out[1]), 0x00);  // [25,50): 5 of 25 ms
}

TEST(WriteFseq, RejectsBadStepAndChannelCount) {
  FseqOptions o;
  o.step_ms = 9;
  EXPECT_EQ(WriteFseq("", 8, o).status().message(), "step time must be 10..255 ms, got 9");
  o.step_ms = 256;
  EXPECT_FALSE(WriteFseq("", 8, o).ok());
  o.step_ms = 25;
  EXPECT_FALSE(WriteFseq("", 0, o).ok());
  EXPECT_FALSE(WriteFseq("abc", 16, o).ok());  // 3 bytes are not whole 2-byte frames
  EXPECT_EQ(ParseFseqCompression("lz4").status().message(), "compression must be zstd, zlib or none, got 'lz4'");
}

TEST(WriteFseq, HeaderFieldsAndRawFrames) {
  FseqOptions o;
  o.step_ms = 50;
  o.compression = FseqCompression::kNone;
  o.media = "song.mp3";
  o.unique_id = 42;
  auto f = WriteFseq(std::string{'\x01', '\x80'}, 8, o);
  ASSERT_TRUE(f.ok()) << f.status();
  const std::string& b = *f;
  EXPECT_EQ(b.substr(0, 4), "PSEQ");
  const size_t off = static_cast<uint8_t>(b[4]) | static_cast<uint8_t>(b[5]) << 8;
  EXPECT_EQ(off % 4, 0u);
  EXPECT_EQ(b.size(), off + 16);
  EXPECT_EQ(b[7], 2);
  EXPECT_EQ(b[18], 50);
  EXPECT_EQ(b[off], '\xff');
  EXPECT_EQ(b[off + 1], '\0');
  EXPECT_EQ(b[off + 15], '\xff');
  EXPECT_NE(b.find("mf"), std::string::npos);
  EXPECT_NE(b.find("song.mp3"), std::string::npos);
}

TEST(LampColors, DefaultsFillTheRestAndBadEntriesAreNamed) {
  auto c = ParseLampColors("red, #0f0");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)[0], "red");
  EXPECT_EQ((*c)[1], "#0f0");
  EXPECT_EQ((*c)[2], DefaultLampColors()[2]);
  EXPECT_EQ(ParseLampColors("red,url(x)").status().message(),
            "--colors: lamp 1 colour 'url(x)' is not #rgb, #rrggbb or a colour name");
  EXPECT_FALSE(ParseLampColors("a,b,c,d,e,f,g,h,i").ok());
}

TEST(PreviewHtml, NoNetworkAndScriptSafeTitle) {
  PreviewInput in;
  in.title = "</script><b>x";
  in.masks = std::string(4, '\x01');
  in.audio = "OggS....";
  in.colors = DefaultLampColors();
  std::string html = PreviewHtml(in);
  EXPECT_EQ(html.find("</script><b>"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_NE(html.find("\"beats\":[]"), std::string::npos);
  EXPECT_NE(html.find("data:audio/ogg;base64,"), std::string::npos);
}

}  // namespace
}  // namespace ls::cli
