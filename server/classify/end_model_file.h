#pragma once
/// End-of-song model files: "LSEND" magic, version, kind, feature count, then
/// the standardisation, weights, intercept and minimum end length as
/// little-endian doubles. Loading checks the magic, version, kind, the feature
/// count against the kind and that every value is finite.
/// Thread-safety: pure functions.

#include <string>

#include "absl/status/statusor.h"
#include "classify/end_detector.h"

namespace ls::classify {

std::string SerializeEndModel(const EndModel& model);
/// INVALID_ARGUMENT naming what is wrong with the bytes.
absl::StatusOr<EndModel> ParseEndModel(const std::string& bytes);

}  // namespace ls::classify
