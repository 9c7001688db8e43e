#include "analysis/beat_grid.h"

#include <algorithm>
#include <cmath>

namespace ls::analysis {

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

namespace {

// The local beat period around interval i: the median of up to 8 neighbours,
// so a tempo change is followed within a few beats.
double LocalPeriod(const std::vector<double>& ibi, size_t i) {
  const size_t lo = i >= 4 ? i - 4 : 0;
  const size_t hi = std::min(ibi.size(), i + 5);
  return Median(std::vector<double>(ibi.begin() + lo, ibi.begin() + hi));
}

}  // namespace

BeatGrid MakeBeatGrid(const std::vector<double>& raw, double sound_from_s, double sound_to_s) {
  BeatGrid g;
  std::vector<double> beats;
  for (double b : raw) {
    if (beats.empty() || b - beats.back() > 0.15) beats.push_back(b);  // ≤ 400 BPM
  }
  if (beats.size() < 4) {
    g.beats_s = beats;
    return g;
  }
  std::vector<double> ibi;
  for (size_t i = 1; i < beats.size(); ++i) ibi.push_back(beats[i] - beats[i - 1]);
  const double period = Median(ibi);
  double sum = 0, sq = 0;
  for (double d : ibi) {
    sum += d;
    sq += d * d;
  }
  const double mean = sum / ibi.size();
  g.interval_cv = std::sqrt(std::max(0.0, sq / ibi.size() - mean * mean)) / mean;
  g.bpm = 60.0 / period;

  std::vector<double> out;
  // Before the tracker locked on: step back at the opening period.
  const double p0 = LocalPeriod(ibi, 0);
  std::vector<double> head;
  for (double t = beats[0] - p0; t >= sound_from_s - 0.5 * p0 && t >= 0; t -= p0) head.push_back(t);
  out.assign(head.rbegin(), head.rend());
  // Gaps where the tracker dropped beats: fill at the local period.
  for (size_t i = 0; i < beats.size(); ++i) {
    out.push_back(beats[i]);
    if (i + 1 == beats.size()) break;
    const double p = LocalPeriod(ibi, i);
    const double gap = beats[i + 1] - beats[i];
    const int missing = static_cast<int>(std::lround(gap / p)) - 1;
    if (gap > 1.5 * p && missing > 0) {
      for (int k = 1; k <= missing; ++k) out.push_back(beats[i] + gap * k / (missing + 1));
    }
  }
  // After its last beat, to the end of the sound.
  const double pn = LocalPeriod(ibi, ibi.size() - 1);
  for (double t = beats.back() + pn; t <= sound_to_s; t += pn) out.push_back(t);
  for (double t : out) {
    if (t >= sound_from_s - 0.05 && t <= sound_to_s + 0.05) g.beats_s.push_back(t);
  }
  return g;
}

}  // namespace ls::analysis
