#include "classify/split.h"

#include <algorithm>
#include <map>
#include <random>
#include <unordered_set>

#include "absl/strings/str_format.h"

namespace ls::classify {
namespace {
std::map<int, std::vector<int>> ShuffledByLabel(const std::vector<int>& labels, uint64_t seed) {
  std::map<int, std::vector<int>> by;
  for (int i = 0; i < static_cast<int>(labels.size()); ++i) by[labels[i]].push_back(i);
  std::mt19937_64 rng(seed);
  for (auto& [label, v] : by) std::shuffle(v.begin(), v.end(), rng);
  return by;
}
}  // namespace

absl::StatusOr<std::vector<int>> FoldsBySong(const std::vector<int>& song_labels, int folds,
                                             uint64_t seed) {
  if (folds < 2) return absl::InvalidArgumentError(absl::StrFormat("folds = %d, need >= 2", folds));
  for (int l : song_labels) {
    if (l < 0) return absl::InvalidArgumentError(absl::StrFormat("negative label %d", l));
  }
  std::vector<int> fold(song_labels.size(), 0);
  int next = 0;  // continue dealing across labels so fold sizes stay even
  for (auto& [label, songs] : ShuffledByLabel(song_labels, seed)) {
    for (int s : songs) fold[s] = next++ % folds;
  }
  return fold;
}

absl::StatusOr<SongSplit> SplitBySong(const std::vector<int>& song_labels,
                                      double validation_fraction, uint64_t seed) {
  if (!(validation_fraction >= 0 && validation_fraction < 1)) {
    return absl::InvalidArgumentError(
        absl::StrFormat("validation fraction %g outside [0, 1)", validation_fraction));
  }
  SongSplit split;
  for (auto& [label, songs] : ShuffledByLabel(song_labels, seed)) {
    if (label < 0) return absl::InvalidArgumentError(absl::StrFormat("negative label %d", label));
    const int n = static_cast<int>(songs.size());
    int val = static_cast<int>(validation_fraction * n + 0.5);
    if (validation_fraction > 0 && n >= 2) val = std::max(val, 1);
    val = std::min(val, n - 1);
    for (int i = 0; i < n; ++i) (i < val ? split.validation : split.train).push_back(songs[i]);
  }
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.validation.begin(), split.validation.end());
  return split;
}

absl::Status CheckDisjoint(const std::vector<std::string>& train_ids,
                           const std::vector<std::string>& validation_ids) {
  std::unordered_set<std::string> train(train_ids.begin(), train_ids.end());
  for (const auto& id : validation_ids) {
    if (train.count(id)) {
      return absl::FailedPreconditionError(
          absl::StrFormat("song %s is in both training and validation", id));
    }
  }
  return absl::OkStatus();
}

}  // namespace ls::classify
