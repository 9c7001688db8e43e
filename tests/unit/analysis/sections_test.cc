// Section boundaries by novelty on the self-similarity matrix.
#include <gtest/gtest.h>

#include "analysis/music_analysis.h"
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

// Ingest hands Analyze the spectrogram it has made: the same sections come
// out, and one at another hop is not used for them.
TEST(SectionsTest, AnalyzeUsesTheCallersSpectrogramWhenItsHopFits) {
  auto x = audio::Tone(220, 30, 44100, 0.1f);
  auto noise = audio::PinkNoise(30, 44100, 0.6f, 1);
  x.insert(x.end(), noise.begin(), noise.end());
  auto own = Analyze(x.data(), x.size(), 44100);
  ASSERT_TRUE(own.ok()) << own.status();
  ASSERT_EQ(own->sections_s.size(), 1u);
  dsp::Spectrogram spec = Features(x);
  auto given = Analyze(x.data(), x.size(), 44100, {}, &spec);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->sections_s, own->sections_s);
  // A spectrogram of silence at the right hop would find no change: proof it is the one used.
  dsp::Spectrogram flat = spec;
  std::fill(flat.data.begin(), flat.data.end(), 0.f);
  auto from_flat = Analyze(x.data(), x.size(), 44100, {}, &flat);
  ASSERT_TRUE(from_flat.ok());
  EXPECT_TRUE(from_flat->sections_s.empty());
  // At hop 512 it is not the kind sections are found on: Analyze makes its own.
  auto half = dsp::SharedStft().Features(x.data(), x.size(), 512);
  ASSERT_TRUE(half.ok());
  std::fill(half->data.begin(), half->data.end(), 0.f);
  auto from_half = Analyze(x.data(), x.size(), 44100, {}, &*half);
  ASSERT_TRUE(from_half.ok());
  EXPECT_EQ(from_half->sections_s, own->sections_s);
}

}  // namespace
}  // namespace ls::analysis
