#pragma once
/// Clip classifier model files: the network in an nn model file (LSNN, with
/// its SHA-256 check) and everything else a ClipModel needs — clip config,
/// class labels, feature standardisation and the calibrated unknown rule — as
/// metadata (task "clip_classifier"; floats printed with 9 significant
/// digits, so they round-trip exactly). Loading rejects another task, a
/// missing key, a bad number and vectors of the wrong length.
/// Thread-safety: pure functions.

#include <string>

#include "absl/status/statusor.h"
#include "classify/clip_classifier.h"

namespace ls::classify {

absl::StatusOr<std::string> SerializeClipModel(const ClipModel& model);
/// INVALID_ARGUMENT (DATA_LOSS for damaged bytes) naming what is wrong.
absl::StatusOr<ClipModel> ParseClipModel(const std::string& bytes);

}  // namespace ls::classify
