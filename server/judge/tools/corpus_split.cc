#include "corpus_split.h"

#include <algorithm>
#include <fstream>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/csv.h"

namespace ls::judge {

absl::StatusOr<std::vector<Track>> ReadManifest(const std::string& corpus_dir) {
  const std::string path = corpus_dir + "/manifest.csv";
  auto rows = ReadCsvFile(path);
  if (!rows.ok()) return rows.status();
  std::vector<Track> out;
  for (size_t i = 1; i < rows->size(); ++i) {  // after the header
    const auto& f = (*rows)[i].fields;
    if (f.size() >= 2 && !f[0].empty()) out.push_back({f[0], f[1]});
  }
  if (out.empty()) return absl::InvalidArgumentError(absl::StrCat("manifest: no tracks in ", path));
  return out;
}

absl::StatusOr<TrackSplit> SplitTracks(std::vector<Track> tracks, int train, int test) {
  if (train < 1 || test < 1) {
    return absl::InvalidArgumentError(absl::StrCat("train/test tracks: need >= 1 each, got ", train, " and ", test));
  }
  if (static_cast<int>(tracks.size()) < train + test) {
    return absl::InvalidArgumentError(absl::StrCat("corpus: ", tracks.size(), " tracks, fewer than ", train,
                                                   " for training + ", test, " to grade"));
  }
  std::sort(tracks.begin(), tracks.end(), [](const Track& a, const Track& b) { return a.path < b.path; });
  std::map<std::string, int> seen;
  std::vector<std::pair<std::pair<int, std::string>, Track>> keyed;  // (i-th of label, label)
  for (const Track& t : tracks) keyed.push_back({{seen[t.label]++, t.label}, t});
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  TrackSplit s;
  for (int i = 0; i < train + test; ++i) (i < train ? s.train : s.test).push_back(keyed[i].second);
  return s;
}

}  // namespace ls::judge
