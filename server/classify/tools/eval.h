#pragma once
/// Corpus evaluations printed as tables (lightshow-eval-classify).

#include <vector>

#include "absl/status/status.h"
#include "classify/clip_inputs.h"
#include "tools/corpus.h"

namespace ls::classify::eval {

absl::Status RunEndEval(const std::vector<Track>& tracks, int folds);

/// k-fold by track for one architecture; with `open_set`, also trains on all
/// labels but one and reports how many tracks of the left-out label come back
/// unknown. `repeats` reruns the k-fold with other fold assignments and seeds
/// (mean and spread of the track accuracy).
absl::Status RunClipEval(const std::vector<Track>& tracks, const ClipConfig& config, int folds,
                         bool open_set, int repeats = 1);

}  // namespace ls::classify::eval
