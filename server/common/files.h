#pragma once
/// Small file helpers with Status errors. Thread-safe (no shared state).

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ls {

/// Reads a whole file.
absl::StatusOr<std::string> ReadFile(const std::string& path);

/// Writes `data` to a temp file beside `path`, fsyncs it and renames it over
/// `path`, so a crash leaves either the old or the new file, never half of one.
absl::Status WriteFileAtomic(const std::string& path, std::string_view data,
                             int mode = 0644);

/// Creates a directory and its parents (like mkdir -p).
absl::Status MakeDirs(const std::string& path);

}  // namespace ls
