#pragma once
/// Turns a beat tracker's raw beats into the grid lights follow: gaps where
/// the tracker lost the beat are filled at the local period, the stretch
/// before it locked on is filled backwards from its first beats, and beats
/// in silence are dropped. Pure functions; thread-safe.

#include <string>
#include <vector>

namespace ls::analysis {

struct BeatGrid {
  std::vector<double> beats_s;
  double bpm = 0;
  double interval_cv = 0;  ///< coefficient of variation of the raw inter-beat intervals
};

/// `sound_from_s`..`sound_to_s`: where the song is not silent.
BeatGrid MakeBeatGrid(const std::vector<double>& raw_beats_s, double sound_from_s,
                      double sound_to_s);

/// The median (0 for none).
double Median(std::vector<double> v);

}  // namespace ls::analysis
