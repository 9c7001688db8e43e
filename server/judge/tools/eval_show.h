#pragma once
/// lightshow-eval-show's run: split a corpus by track, train the default
/// autoencoder on the training tracks, then render every show of the
/// ShowMakers() table for each held-out song and grade it with the judge.
/// Thread-safety: one run per call; nothing shared.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "judge/show_metrics.h"

namespace ls::judge {

struct EvalOptions {
  std::string corpus;
  int train_tracks = 12;
  int test_tracks = 10;
  int epochs = 10;
  int threads = 2;
  uint64_t seed = 1;
};

struct SongResult {
  std::string song, label;
  double duration_s = 0, bpm = 0;
  int beats = 0, onsets = 0;
  std::vector<std::pair<std::string, ShowMetrics>> shows;  ///< in ShowMakers() order
};

struct EvalReport {
  EvalOptions options;
  std::vector<std::string> train_songs;
  std::vector<std::string> show_names;
  std::vector<SongResult> songs;
  double heldout_mse = 0, pca_heldout_mse = 0, train_seconds = 0;
  double analysis_seconds = 0;  ///< the judge's own analysis, all graded songs
};

/// Errors: unreadable corpus or manifest, too few tracks, undecodable audio,
/// training or rendering errors (named with the song).
absl::StatusOr<EvalReport> RunEvaluation(const EvalOptions& o,
                                         const std::function<void(const std::string&)>& progress);

}  // namespace ls::judge
