#pragma once
/// One CSV reader for manifests and corpus tables (RFC 4180): quoted fields
/// ("a, b", "" for a quote), LF or CRLF, fields trimmed of spaces outside
/// quotes; blank lines and lines starting with '#' are skipped. Errors name
/// the file (or what it is) and the line.

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ls {

struct CsvRow {
  int line = 0;  ///< 1-based line the row starts on
  std::vector<std::string> fields;
};

/// Parses `text`; `what` names it in errors ("manifest.csv").
absl::StatusOr<std::vector<CsvRow>> ParseCsv(std::string_view text, const std::string& what);
/// Reads and parses a file; NOT_FOUND when it cannot be opened.
absl::StatusOr<std::vector<CsvRow>> ReadCsvFile(const std::string& path);

/// Field `col` of `row` as a number, or an error naming `what`, the line and
/// the text (never an uncaught std::stod exception).
absl::StatusOr<double> CsvNumber(const CsvRow& row, size_t col, const std::string& what);

}  // namespace ls
