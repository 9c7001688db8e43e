// Section boundaries by novelty on the self-similarity matrix.
#include <gtest/gtest.h>

#include "analysis/sections.h"
#include "audio/beat_signals.h"
#include "audio/synth.h"

namespace ls::analysis {
namespace {

dsp::Spectrogram Features(const std::vector<float>& x) {
  auto s = dsp::SharedStft().Features(x.data(), x.size(), dsp::kFrameSize);
  EXPECT_TRUE(s.ok());
  return s.ok() ? *s : dsp::Spectrogram{};
}

TEST(SectionsTest, FindsTheChangeFromAToneToNoise) {
  auto x = audio::Tone(220, 30, 44100, 0.1f);
  auto noise = audio::PinkNoise(30, 44100, 0.6f, 1);
  x.insert(x.end(), noise.begin(), noise.end());
  Sections s = FindSections(Features(x), 1024.0 / 44100);
  ASSERT_EQ(s.boundaries_s.size(), 1u);
  EXPECT_NEAR(s.boundaries_s[0], 30, 1.5);
}

TEST(SectionsTest, ASteadySongIsOneSection) {
  auto x = audio::ClickTrack({{120, 60}}, 44100);
  EXPECT_TRUE(FindSections(Features(x), 1024.0 / 44100).boundaries_s.empty());
}

TEST(SectionsTest, ShortSongsHaveNone) {
  auto x = audio::PinkNoise(5, 44100, 0.5f, 2);
  EXPECT_TRUE(FindSections(Features(x), 1024.0 / 44100).boundaries_s.empty());
}

}  // namespace
}  // namespace ls::analysis
