#pragma once
/// The length of a local audio file, read from its header with libsndfile
/// (the library the server decodes with), so lsctl can have a classification
/// request checked before it uploads anything.
/// Thread-safety: a pure function.

#include <string>

#include "absl/status/statusor.h"

namespace ls::cli {

/// Seconds of audio in `path`; 0 when the header does not say (the server then
/// checks the length after the upload). INVALID_ARGUMENT when libsndfile
/// cannot read the file as audio.
absl::StatusOr<double> ProbeDurationS(const std::string& path);

}  // namespace ls::cli
