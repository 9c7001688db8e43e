// When a music show may change: beats, accents, or (no steady beat) onsets.
#include <algorithm>
#include <cmath>

#include "show/music_renderer.h"

namespace ls::show {
namespace {

double StrengthQuantile(const std::vector<analysis::Onset>& onsets, double q) {
  std::vector<float> s;
  for (const auto& o : onsets) s.push_back(o.strength);
  if (s.empty()) return 0;
  const size_t k = static_cast<size_t>(std::clamp(q, 0.0, 1.0) * (s.size() - 1));
  std::nth_element(s.begin(), s.begin() + k, s.end());
  return s[k];
}

}  // namespace

std::vector<int> EventFrames(const analysis::MusicAnalysis& a, int frames, double period,
                             int min_gap, const MusicRenderConfig& cfg) {
  auto frame_of = [&](double t) { return static_cast<int>(std::lround(t / period)); };
  std::vector<int> beats, extra;
  if (a.steady_beat) {
    for (double b : a.beats_s) beats.push_back(frame_of(b));
    if (cfg.accent_quantile < 1.0) {
      const double thr = StrengthQuantile(a.onsets, cfg.accent_quantile);
      for (const auto& o : a.onsets) {
        if (o.strength >= thr) extra.push_back(frame_of(o.time_s));
      }
    }
  } else {
    const double thr = StrengthQuantile(a.onsets, cfg.fallback_quantile);
    const int gap = std::max(min_gap, static_cast<int>(std::lround(cfg.min_onset_gap_s / period)));
    for (const auto& o : a.onsets) {
      const int f = frame_of(o.time_s);
      if (o.strength >= thr && (beats.empty() || f - beats.back() >= gap)) beats.push_back(f);
    }
  }
  // Beats first: an accent only where no beat is within the gap.
  std::vector<int> out;
  for (int f : beats) {
    if (f > 0 && f < frames && (out.empty() || f - out.back() >= min_gap)) out.push_back(f);
  }
  for (int f : extra) {
    if (f <= 0 || f >= frames) continue;
    auto it = std::lower_bound(out.begin(), out.end(), f);
    const bool clear_after = it == out.end() || *it - f >= min_gap;
    const bool clear_before = it == out.begin() || f - *(it - 1) >= min_gap;
    if (clear_after && clear_before) out.insert(it, f);
  }
  return out;
}

}  // namespace ls::show
