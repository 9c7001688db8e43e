// Code → lights: relay constraints on random codes, every channel used on a
// tune, hysteresis, the dark end; the dark-end energy rule.
#include <random>

#include "audio/synth.h"
#include "dsp/stft.h"
#include "gtest/gtest.h"
#include "models/pca.h"
#include "show/dark_end.h"
#include "show/learned_renderer.h"
#include "show/show_stats.h"

namespace ls::show {
namespace {

constexpr double kPeriod = 1024.0 / 44100;  // 23.2 ms

TEST(LearnedRenderer, RelayProfileHoldsOnRandomCodes) {
  for (uint32_t seed = 1; seed <= 5; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0, 1);
    const int frames = 3000;
    std::vector<float> codes(frames * 8);
    for (auto& c : codes) c = u(rng);  // white noise: the worst case for chatter
    auto masks = RenderCodes(codes, frames, 8, frames, kPeriod, RelayProfile());
    ASSERT_TRUE(masks.ok()) << masks.status();
    auto stats = ComputeChannelStats(*masks, 8, kPeriod);
    for (int c = 0; c < 8; ++c) {
      EXPECT_LE(stats[c].toggles_per_s, 8.0) << "channel " << c;
      EXPECT_GE(stats[c].shortest_dwell_ms, 60.0) << "channel " << c;
      EXPECT_FALSE(stats[c].dead) << "channel " << c << " duty " << stats[c].duty;
    }
  }
}

TEST(LearnedRenderer, SsrIsFasterThanRelay) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(0, 1);
  std::vector<float> codes(2000 * 8);
  for (auto& c : codes) c = u(rng);
  auto relay = RenderCodes(codes, 2000, 8, 2000, kPeriod, RelayProfile());
  auto ssr = RenderCodes(codes, 2000, 8, 2000, kPeriod, SsrProfile());
  ASSERT_TRUE(relay.ok() && ssr.ok());
  EXPECT_GT(ComputeChannelStats(*ssr, 8, kPeriod)[0].toggles_per_s,
            ComputeChannelStats(*relay, 8, kPeriod)[0].toggles_per_s);
  EXPECT_EQ(ProfileByName("relay")->min_dwell_ms, 125.0);
  EXPECT_EQ(ProfileByName("xyz").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(LearnedRenderer, HysteresisIgnoresWobbleInsideTheBand) {
  // A channel alternating high/low with small wobble: on/off follow the big
  // swings only.
  const int frames = 400;
  std::vector<float> codes(frames);
  for (int i = 0; i < frames; ++i) {
    const bool high = (i / 50) % 2 == 1;
    codes[i] = (high ? 0.8f : 0.2f) + ((i % 2) ? 0.05f : -0.05f);
  }
  RenderProfile p = SsrProfile();
  p.min_dwell_ms = 0;
  auto masks = RenderCodes(codes, frames, 1, frames, kPeriod, p);
  ASSERT_TRUE(masks.ok());
  auto st = ComputeChannelStats(*masks, 1, kPeriod);
  // 8 swings in 400 frames → 7 toggles, not hundreds.
  EXPECT_NEAR(st[0].toggles_per_s * frames * kPeriod, 7, 0.5);
  EXPECT_NEAR(st[0].duty, 0.5, 0.05);
}

TEST(LearnedRenderer, DarkEndIsOffAndRejectsBadSizes) {
  std::vector<float> codes(100 * 2);
  for (size_t i = 0; i < codes.size(); ++i) codes[i] = static_cast<float>((i * 37) % 11) / 10;
  auto masks = RenderCodes(codes, 100, 2, 60, kPeriod, SsrProfile());
  ASSERT_TRUE(masks.ok());
  // Off within one dwell (30 ms = 2 frames) of the dark start.
  for (int i = 62; i < 100; ++i) EXPECT_EQ((*masks)[i], 0) << i;
  EXPECT_EQ(RenderCodes(codes, 99, 2, 60, kPeriod).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RenderCodes(codes, 100, 9, 60, kPeriod).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(LearnedRenderer, EveryChannelUsedOnATune) {
  auto mono = audio::ToMono(audio::MakeTune(12.0, 5));
  auto spec = dsp::SharedStft().Features(mono.data(), mono.size(), 1024);
  ASSERT_TRUE(spec.ok());
  Eigen::Map<const Eigen::MatrixXf> x(spec->data.data(), spec->bins, spec->frames);
  auto pca = models::Pca::Fit(x, 8);
  ASSERT_TRUE(pca.ok());
  // Codes = the frames' 8 principal coordinates (a linear "model").
  Eigen::MatrixXf code = pca->basis.transpose() * (x.colwise() - pca->mean);  // 8 × frames
  std::vector<float> codes(code.data(), code.data() + code.size());
  auto masks = RenderCodes(codes, spec->frames, 8, spec->frames, kPeriod);
  ASSERT_TRUE(masks.ok());
  for (const auto& c : ComputeChannelStats(*masks, 8, kPeriod)) {
    EXPECT_GE(c.duty, 0.3);
    EXPECT_LE(c.duty, 0.7);
    EXPECT_LE(c.toggles_per_s, 8.0);
  }
}

TEST(DarkEnd, EnergyRuleFindsTheSilentTail) {
  auto mono = audio::ToMono(audio::MakeTune(8.0, 2));
  const size_t lit = mono.size();
  mono.resize(lit + 3 * 44100, 0.0f);  // 3 s of silence
  const int frames = dsp::FrameCount(mono.size(), 1024);
  EnergyEndDetector energy;
  const int dark = energy.DarkStart(mono.data(), mono.size(), 1024, frames);
  const int expect = static_cast<int>(lit / 1024);
  EXPECT_NEAR(dark, expect, 3);
  // No quiet tail → no dark end.
  mono.resize(lit);
  const int f2 = dsp::FrameCount(mono.size(), 1024);
  EXPECT_GE(energy.DarkStart(mono.data(), mono.size(), 1024, f2), f2 - 10);
  FixedEndDetector fixed(1.0);
  EXPECT_EQ(fixed.DarkStart(nullptr, 0, 1024, 1000), 1000 - 43);
  EXPECT_EQ(fixed.DarkStart(nullptr, 0, 1024, 10), 0);
}

}  // namespace
}  // namespace ls::show
