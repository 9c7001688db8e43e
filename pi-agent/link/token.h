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

}  // namespace ls::agent
