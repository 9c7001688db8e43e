#include "classify/end_labels.h"

#include <algorithm>
#include <cmath>

namespace ls::classify {

int LastSecondsEnd(int frames, double seconds) {
  return std::max(0, frames - static_cast<int>(std::lround(seconds * kFrameRate)));
}

int MeasuredEnd(const SongFrames& f, double db_below_median, double min_seconds) {
  const std::vector<float> db = SmoothedRelativeDb(f, static_cast<int>(kFrameRate));
  const int n = f.frames();
  int start = n;
  while (start > 0 && db[start - 1] < -db_below_median) --start;
  return (n - start) >= min_seconds * kFrameRate ? start : n;
}

std::vector<int> EndMask(int frames, int end_frame) {
  std::vector<int> y(frames, 0);
  for (int i = std::max(0, end_frame); i < frames; ++i) y[i] = 1;
  return y;
}

}  // namespace ls::classify
