#pragma once
/// Small file helpers with Status errors. Thread-safe (no shared state).

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ls {

/// Reads a whole file.
absl::StatusOr<std::string> ReadFile(const std::string& path);

/// Writes `data` to a fresh temp file beside `path` (unique per call), fsyncs
/// it, renames it over `path` and fsyncs the directory, so a crash leaves
/// either the old or the new file, never half of one, and concurrent writes of
/// one path each land whole (the last rename wins). `mode` is applied as given.
absl::Status WriteFileAtomic(const std::string& path, std::string_view data,
                             int mode = 0644);

/// Creates a directory and its parents (like mkdir -p).
absl::Status MakeDirs(const std::string& path);

/// Like MakeDirs, but a newly created last directory is 0700 (tokens, songs
/// and the catalog are nobody else's business). An existing one is left as is.
absl::Status MakePrivateDir(const std::string& path);

}  // namespace ls
