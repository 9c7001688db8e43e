#pragma once
/// The evaluation corpus (../shared/data/make-corpus.sh layout): manifest.csv
/// (path,label,duration_s,…) and endings.csv (path,rms_dbfs,tail15_rel_db,
/// last3_rel_db), WAVs under DIR. Thread-safety: plain values.

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::classify::eval {

struct Track {
  std::string path, label;
  double tail15_rel_db = 0, last3_rel_db = 0;
  std::vector<float> samples;  ///< mono 44.1 kHz
  /// Quiet ending (fade-out / quiet tail) or short decay: has an end.
  bool HasEnd() const { return last3_rel_db <= -6; }
  /// Stops at full level: a detector must call (almost) nothing "end".
  bool FullLevel() const { return last3_rel_db > -6; }
};

/// Reads both CSVs and decodes every track (in manifest order).
absl::StatusOr<std::vector<Track>> LoadCorpus(const std::string& dir);

}  // namespace ls::classify::eval
