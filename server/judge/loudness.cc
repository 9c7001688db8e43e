#include "judge/loudness.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace ls::judge {

absl::StatusOr<Loudness> RmsLoudness(const float* samples, size_t n, int sample_rate, double window_s) {
  if (samples == nullptr || n == 0) return absl::InvalidArgumentError("audio: no samples");
  if (sample_rate <= 0) return absl::InvalidArgumentError(absl::StrCat("sample_rate: ", sample_rate));
  if (!(window_s > 0)) return absl::InvalidArgumentError(absl::StrCat("window_s: must be > 0, got ", window_s));
  const size_t win = std::max<size_t>(1, static_cast<size_t>(std::llround(window_s * sample_rate)));
  const size_t windows = std::max<size_t>(1, n / win);
  Loudness out;
  out.window_s = window_s;
  out.db.resize(windows);
  for (size_t w = 0; w < windows; ++w) {
    const size_t a = w * win, b = std::min(n, a + win);
    double s = 0;
    for (size_t i = a; i < b; ++i) s += double(samples[i]) * samples[i];
    const double rms = std::sqrt(s / (b - a));
    out.db[w] = static_cast<float>(std::max(-120.0, 20.0 * std::log10(std::max(rms, 1e-12))));
  }
  return out;
}

}  // namespace ls::judge
