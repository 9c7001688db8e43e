// The music renderer: changes on the beat, lit count from loudness, dark
// silence, fallback to onsets, sections, relay rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "analysis/music_analysis.h"
#include "audio/beat_signals.h"
#include "audio/synth.h"
#include "dsp/stft.h"
#include "show/music_renderer.h"

namespace ls::show {
namespace {

constexpr int kRate = 44100;
constexpr double kPeriod = 1024.0 / kRate;

struct Rendered {
  analysis::MusicAnalysis music;
  std::vector<uint8_t> masks;
};

Rendered RenderBandsOf(const std::vector<float>& x) {
  Rendered r;
  auto a = analysis::Analyze(x.data(), x.size(), kRate);
  EXPECT_TRUE(a.ok()) << a.status();
  if (a.ok()) r.music = *a;
  auto spec = dsp::SharedStft().Magnitude(x.data(), x.size(), 1024);
  EXPECT_TRUE(spec.ok());
  auto masks = RenderBandMusic(*spec, r.music, spec->frames);
  EXPECT_TRUE(masks.ok()) << masks.status();
  if (masks.ok()) r.masks = *masks;
  return r;
}

std::vector<int> ChangeFrames(const std::vector<uint8_t>& m) {
  std::vector<int> out;
  for (size_t i = 1; i < m.size(); ++i) {
    if (m[i] != m[i - 1]) out.push_back(static_cast<int>(i));
  }
  return out;
}

int Lit(uint8_t m) { return __builtin_popcount(m); }

double NearestS(const std::vector<double>& v, double t) {
  double best = 1e9;
  for (double x : v) best = std::min(best, std::abs(x - t));
  return best;
}

TEST(MusicRendererTest, ClickTrackLightsChangeOnTheClicks) {
  std::vector<double> clicks;
  auto x = audio::ClickTrack({{120, 20}}, kRate, 0.6f, &clicks);
  Rendered r = RenderBandsOf(x);
  const auto changes = ChangeFrames(r.masks);
  ASSERT_FALSE(changes.empty());
  // Every change (but going dark after the last click) is within one frame
  // (+ the 20 ms the tracker may be off) of a click …
  int off = 0;
  for (int f : changes) off += r.masks[f] != 0 && NearestS(clicks, f * kPeriod) > kPeriod + 0.020;
  EXPECT_EQ(off, 0) << off << " of " << changes.size() << " changes are off the clicks";
  // … and nearly every click has a change.
  int covered = 0;
  for (double c : clicks) {
    for (int f : changes) {
      if (std::abs(f * kPeriod - c) <= 0.07) {
        ++covered;
        break;
      }
    }
  }
  EXPECT_GE(covered, static_cast<int>(clicks.size()) * 9 / 10) << covered << " of " << clicks.size();
}

TEST(MusicRendererTest, ACrescendoRaisesTheLitCount) {
  auto x = audio::ClickTrack({{120, 24}}, kRate, 0.5f);
  auto noise = audio::PinkNoise(24, kRate, 0.3f, 5);
  for (size_t i = 0; i < x.size(); ++i) x[i] += noise[i];
  audio::DbRamp(x, -36, 0);
  Rendered r = RenderBandsOf(x);
  // Mean lit count per 4 s: rising, within one light of smoothing.
  std::vector<double> block;
  const int per = static_cast<int>(4.0 / kPeriod);
  for (size_t f0 = 0; f0 + per <= r.masks.size(); f0 += per) {
    double s = 0;
    for (int i = 0; i < per; ++i) s += Lit(r.masks[f0 + i]);
    block.push_back(s / per);
  }
  ASSERT_GE(block.size(), 5u);
  for (size_t i = 1; i < block.size(); ++i) EXPECT_GE(block[i], block[i - 1] - 0.5) << "block " << i;
  EXPECT_GE(block.back() - block.front(), 4.0);
}

TEST(MusicRendererTest, SilenceIsDark) {
  auto x = audio::Silence(6, kRate);
  Rendered r = RenderBandsOf(x);
  ASSERT_FALSE(r.masks.empty());
  for (uint8_t m : r.masks) ASSERT_EQ(m, 0);
}

TEST(MusicRendererTest, SilenceInsideASongIsDark) {
  auto x = audio::ClickTrack({{120, 10}}, kRate);
  auto gap = audio::Silence(3, kRate);
  auto more = audio::ClickTrack({{120, 10}}, kRate);
  x.insert(x.end(), gap.begin(), gap.end());
  x.insert(x.end(), more.begin(), more.end());
  Rendered r = RenderBandsOf(x);
  for (int f = static_cast<int>(10.6 / kPeriod); f < static_cast<int>(12.8 / kPeriod); ++f) {
    ASSERT_EQ(r.masks[f], 0) << "frame " << f;
  }
}

TEST(MusicRendererTest, PinkNoiseFallsBackToOnsets) {
  auto x = audio::PinkNoise(15, kRate, 0.4f, 9);
  Rendered r = RenderBandsOf(x);
  EXPECT_FALSE(r.music.steady_beat);
  // Every change sits on an onset (no beat grid to follow).
  std::vector<double> onsets;
  for (const auto& o : r.music.onsets) onsets.push_back(o.time_s);
  for (int f : ChangeFrames(r.masks)) {
    EXPECT_LE(NearestS(onsets, f * kPeriod), kPeriod) << "change at frame " << f;
  }
}

TEST(MusicRendererTest, KeepsTheRelayRulesOnATune) {
  audio::Signal tune = audio::MakeTune(20, 3);
  std::vector<float> x = audio::ToMono(tune);
  Rendered r = RenderBandsOf(x);
  const int dwell = DwellFrames(RelayProfile(), kPeriod);
  for (int c = 0; c < 8; ++c) {
    std::vector<int> toggles;
    int on = 0;
    for (size_t i = 0; i < r.masks.size(); ++i) {
      on += (r.masks[i] >> c) & 1;
      if (i > 0 && ((r.masks[i] ^ r.masks[i - 1]) >> c & 1)) toggles.push_back(static_cast<int>(i));
    }
    for (size_t k = 1; k < toggles.size(); ++k) {
      EXPECT_GE(toggles[k] - toggles[k - 1], dwell) << "channel " << c << " frame " << toggles[k];
    }
    EXPECT_GT(on, 0) << "channel " << c << " never lights";
  }
}

TEST(MusicRendererTest, ASectionChangeMovesThePattern) {
  // Channel 0 always scores highest; one light lit (quiet, steady loudness).
  const int frames = 2000;
  std::vector<float> scores(frames * 8);
  for (int f = 0; f < frames; ++f) {
    for (int c = 0; c < 8; ++c) scores[f * 8 + c] = (c == 0 ? 10.f : 0.f) + 0.001f * ((f * 7 + c * 3) % 11);
  }
  analysis::MusicAnalysis a;
  a.duration_s = frames * kPeriod;
  a.steady_beat = true;
  for (double t = 0.5; t < a.duration_s; t += 0.5) a.beats_s.push_back(t);
  a.envelope_period_s = kPeriod;
  a.loudness_db.assign(frames, -20.f);
  a.sections_s = {frames * kPeriod / 2};
  auto masks = RenderMusic(scores, frames, 8, a, frames, kPeriod);
  ASSERT_TRUE(masks.ok()) << masks.status();
  auto lit_often = [&](int from, int to) {
    std::vector<int> n(8, 0);
    for (int f = from; f < to; ++f) {
      for (int c = 0; c < 8; ++c) n[c] += ((*masks)[f] >> c) & 1;
    }
    return static_cast<int>(std::max_element(n.begin(), n.end()) - n.begin());
  };
  EXPECT_NE(lit_often(0, frames / 2 - 50), lit_often(frames / 2 + 50, frames));
}

TEST(MusicRendererTest, RejectsInconsistentInput) {
  analysis::MusicAnalysis a;
  std::vector<float> scores(100 * 8);
  EXPECT_EQ(RenderMusic(scores, 99, 8, a, 99, kPeriod).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RenderMusic(scores, 100, 9, a, 100, kPeriod).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(RenderMusic(scores, 100, 8, a, 100, 0.0).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ls::show
