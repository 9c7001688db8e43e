// LightShow Pi's rule as the judge renders it.
#include <vector>

#include <gtest/gtest.h>

#include "audio/synth.h"
#include "judge/lspi_rule.h"

namespace ls::judge {
namespace {

TEST(LspiRule, PulsedLowToneLightsTheLowChannelWithThePulses) {
  // 70 Hz lies in band 1 (46–105 Hz); on for the first half of every 0.5 s.
  const std::vector<float> x = audio::PulsedTone(70.0, 10.0, 44100, 0.5, 0.5, 0.5f);
  auto masks = LspiShow(x.data(), x.size(), 44100);
  ASSERT_TRUE(masks.ok()) << masks.status();
  ASSERT_EQ(masks->size(), 1 + (x.size() - 1024) / 1024);
  int on_in_pulse = 0, pulse = 0, on_in_gap = 0, gap = 0;
  for (size_t f = 0; f < masks->size(); ++f) {
    const double mid = (f * 1024 + 512) / 44100.0;
    const double phase = mid - 0.5 * static_cast<int>(mid / 0.5);
    if (phase > 0.03 && phase < 0.22) ++pulse, on_in_pulse += (*masks)[f] >> 1 & 1;
    if (phase > 0.28 && phase < 0.47) ++gap, on_in_gap += (*masks)[f] >> 1 & 1;
  }
  EXPECT_GT(on_in_pulse, 0.9 * pulse);
  EXPECT_LT(on_in_gap, 0.05 * gap + 1);
}

TEST(LspiRule, SilenceIsDarkAndBadInputIsRejected) {
  const std::vector<float> quiet = audio::Silence(2.0, 44100);
  auto masks = LspiShow(quiet.data(), quiet.size(), 44100);
  ASSERT_TRUE(masks.ok());
  for (uint8_t m : *masks) EXPECT_EQ(m, 0);
  EXPECT_FALSE(LspiShow(quiet.data(), 1000, 44100).ok());  // shorter than a frame
  EXPECT_FALSE(LspiShow(nullptr, 0, 44100).ok());
  auto rate = LspiShow(quiet.data(), quiet.size(), 4000);
  ASSERT_FALSE(rate.ok());
  EXPECT_NE(rate.status().message().find("4000"), std::string::npos);
  // 8 kHz still works (bands above Nyquist are clamped, each keeps a bin).
  const std::vector<float> tone = audio::PulsedTone(300.0, 2.0, 8000, 0.5);
  EXPECT_TRUE(LspiShow(tone.data(), tone.size(), 8000).ok());
}

}  // namespace
}  // namespace ls::judge
