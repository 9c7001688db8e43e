#include "classify/song_frames.h"

#include <algorithm>
#include <cmath>

#include "show/dark_end.h"

namespace ls::classify {

absl::StatusOr<SongFrames> AnalyseSong(const float* samples, size_t n) {
  SongFrames f;
  auto spec = dsp::SharedStft().Features(samples, n, kHop);
  if (!spec.ok()) return spec.status();
  f.spec = std::move(*spec);
  f.loudness_db = show::FrameLoudnessDb(samples, n, kHop, f.spec.frames);
  std::vector<float> sorted = f.loudness_db;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  f.median_db = sorted[sorted.size() / 2];
  return f;
}

std::vector<float> SmoothedRelativeDb(const SongFrames& f, int window) {
  const int n = f.frames();
  std::vector<double> cum(n + 1, 0.0);  // prefix sums of power
  for (int i = 0; i < n; ++i) cum[i + 1] = cum[i] + std::pow(10.0, f.loudness_db[i] / 10.0);
  std::vector<float> out(n);
  const int half = std::max(window, 1) / 2;
  for (int i = 0; i < n; ++i) {
    const int lo = std::max(0, i - half), hi = std::min(n, i + half + 1);
    const double p = (cum[hi] - cum[lo]) / (hi - lo);
    out[i] = static_cast<float>(10.0 * std::log10(std::max(p, 1e-12)) - f.median_db);
  }
  return out;
}

}  // namespace ls::classify
