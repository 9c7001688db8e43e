#pragma once
/// The CSV files of the classification commands, parsed before anything is
/// sent: a manifest (`path_or_song,label`) and end labels (`song,end_s`).
/// Rows are numbered from 1 (the file's line number) and errors name them.
/// An optional header line, blank lines and `#` comments are skipped.
/// Thread-safety: pure functions.

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::cli {

struct CsvRow {
  int row = 0;            ///< line number
  std::string first;      ///< path_or_song / song
  std::string second;     ///< label / end_s
};

/// Two-column rows of `text`; INVALID_ARGUMENT naming the row for a line
/// without exactly two fields or with an empty first field. A first line
/// whose second field is `label` or `end_s` is a header.
absl::StatusOr<std::vector<CsvRow>> ParseTwoColumnCsv(const std::string& text, const std::string& what);

/// Whether `text` can be a song id or id prefix (6 to 64 lowercase hex digits).
bool LooksLikeSongId(const std::string& text);

/// Where a manifest entry points: the path as given when it exists, else
/// relative to the manifest's folder when that exists, else "".
std::string ResolveLocalPath(const std::string& entry, const std::string& manifest_path);

}  // namespace ls::cli
