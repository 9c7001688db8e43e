#pragma once
/// Reads the bearer token the server created (DIR/token).
/// Thread-safety: pure function; thread-safe.

#include <string>

#include "absl/status/statusor.h"

namespace ls::agent {

/// The file's content with surrounding whitespace removed. Errors when the file
/// can't be read, is empty, or the token contains whitespace or control characters
/// (it goes into an HTTP/2 header).
absl::StatusOr<std::string> ReadToken(const std::string& path);

/// Checked once at start: the token file must exist, be a regular file and be
/// private to its owner (mode 0600 or stricter). NOT_FOUND for a missing file,
/// PERMISSION_DENIED naming the mode and the chmod that fixes it otherwise.
absl::Status CheckTokenFileMode(const std::string& path);

}  // namespace ls::agent
