#include "show/dark_end.h"

#include <algorithm>
#include <cmath>

#include "dsp/stft.h"

namespace ls::show {

std::vector<float> FrameLoudnessDb(const float* samples, size_t n, int hop, int frames) {
  std::vector<float> db(std::max(frames, 0), -120.f);
  for (int i = 0; i < frames; ++i) {
    size_t a = static_cast<size_t>(i) * hop;
    size_t b = std::min(n, a + dsp::kFrameSize);
    double sum = 0;
    for (size_t k = a; k < b; ++k) sum += double(samples[k]) * samples[k];
    double rms = b > a ? std::sqrt(sum / (b - a)) : 0;
    db[i] = static_cast<float>(std::max(-120.0, 20.0 * std::log10(rms + 1e-12)));
  }
  return db;
}

int EnergyEndDetector::DarkStart(const float* samples, size_t n, int hop, int frames) const {
  if (frames <= 0) return 0;
  std::vector<float> db = FrameLoudnessDb(samples, n, hop, frames);
  std::vector<float> sorted = db;
  std::nth_element(sorted.begin(), sorted.begin() + frames / 2, sorted.end());
  const float floor_db = sorted[frames / 2] - static_cast<float>(db_);
  int start = frames;
  while (start > 0 && db[start - 1] <= floor_db) --start;
  // A short dip at the very end (a final breath) is not a dark end.
  const int min_frames = static_cast<int>(std::ceil(min_s_ * rate_ / hop));
  return frames - start >= min_frames ? start : frames;
}

int FixedEndDetector::DarkStart(const float*, size_t, int hop, int frames) const {
  const int tail = static_cast<int>(std::lround(seconds_ * rate_ / hop));
  return std::clamp(frames - tail, 0, frames);
}

}  // namespace ls::show
