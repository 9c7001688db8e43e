#pragma once
/// A corpus directory's tracks (manifest.csv: path,label,duration_s,...)
/// split by track into training and held-out sets, balanced over labels and
/// the same on every run. Pure functions; thread-safe.

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::judge {

struct Track {
  std::string path;   ///< relative to the corpus directory
  std::string label;
};

struct TrackSplit {
  std::vector<Track> train, test;
};

/// Rows of CORPUS/manifest.csv after its header. NOT_FOUND when missing,
/// INVALID_ARGUMENT when it lists no track.
absl::StatusOr<std::vector<Track>> ReadManifest(const std::string& corpus_dir);

/// Orders tracks label-interleaved (sorted by path; the i-th track of every
/// label in turn), then takes the first `train` for training and the next
/// `test` for grading, so both sides span the labels and never overlap.
/// INVALID_ARGUMENT when train < 1, test < 1 or there are too few tracks.
absl::StatusOr<TrackSplit> SplitTracks(std::vector<Track> tracks, int train, int test);

}  // namespace ls::judge
