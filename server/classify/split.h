#pragma once
/// Train / validation splits by song, never by clip: clips of one song are
/// near-duplicates, so a song on both sides would leak. Stratified per label
/// so every class appears in training. Thread-safety: pure functions.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ls::classify {

/// Song indices on each side.
struct SongSplit {
  std::vector<int> train, validation;
};

/// Assigns every song (given by its label) one of `folds` folds, stratified:
/// each label's songs are shuffled (seeded) and dealt round-robin.
/// INVALID_ARGUMENT when folds < 2 or a label is negative.
absl::StatusOr<std::vector<int>> FoldsBySong(const std::vector<int>& song_labels, int folds,
                                             uint64_t seed);

/// Holds out about `validation_fraction` of each label's songs (at least one
/// when the label has ≥ 2 songs, never all of them).
absl::StatusOr<SongSplit> SplitBySong(const std::vector<int>& song_labels,
                                      double validation_fraction, uint64_t seed);

/// OK when no song id occurs on both sides; FAILED_PRECONDITION naming the
/// first shared song otherwise. `train_ids`/`validation_ids` are per clip.
absl::Status CheckDisjoint(const std::vector<std::string>& train_ids,
                           const std::vector<std::string>& validation_ids);

}  // namespace ls::classify
