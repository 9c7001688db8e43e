#include "analysis/beat_refine.h"

#include <algorithm>
#include <cmath>

namespace ls::analysis {

std::vector<double> RefineBeats(const float* x, size_t n, int rate, const std::vector<double>& beats,
                                double max_shift_s) {
  const size_t win = static_cast<size_t>(std::max(16, rate / 172));  // ≈ 5.8 ms
  const size_t hop = std::max<size_t>(1, win / 4);
  if (n < 4 * win || beats.empty()) return beats;
  // Log energy per window; rise over two hops (attacks, not decays).
  const size_t frames = (n - win) / hop + 1;
  std::vector<float> loge(frames);
  double e = 0;
  for (size_t i = 0; i < win; ++i) e += double(x[i]) * x[i];
  for (size_t f = 0; f < frames; ++f) {
    if (f > 0) {
      for (size_t i = (f - 1) * hop; i < f * hop; ++i) e -= double(x[i]) * x[i];
      for (size_t i = (f - 1) * hop + win; i < f * hop + win; ++i) e += double(x[i]) * x[i];
    }
    loge[f] = static_cast<float>(std::log(std::max(e, 0.0) / win + 1e-10));
  }
  std::vector<float> rise(frames, 0.f);
  for (size_t f = 2; f < frames; ++f) rise[f] = std::max(0.f, loge[f] - loge[f - 2]);
  // An attack: a rise of at least 3 dB-ish in natural-log energy (≈ 0.7).
  constexpr float kAttack = 0.7f;
  std::vector<double> out;
  out.reserve(beats.size());
  const double shift_frames = max_shift_s * rate / hop;
  for (double b : beats) {
    // Frame f's window ends at f·hop + win: that is when the attack has entered it.
    const double centre = (b * rate - double(win)) / hop;
    const long lo = std::max(2L, static_cast<long>(std::floor(centre - shift_frames)));
    const long hi = std::min(static_cast<long>(frames) - 1, static_cast<long>(std::ceil(centre + shift_frames)));
    long best = -1;
    for (long f = lo; f <= hi; ++f) {
      if (best < 0 || rise[f] > rise[best]) best = f;
    }
    if (best >= 0 && rise[best] >= kAttack) {
      out.push_back((double(best) * hop + double(win)) / rate);
    } else {
      out.push_back(b);
    }
  }
  return out;
}

}  // namespace ls::analysis
