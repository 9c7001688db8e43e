#include "cli/classify_files.h"

#include <filesystem>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/csv.h"

namespace ls::cli {

absl::StatusOr<std::vector<CsvRow>> ParseTwoColumnCsv(const std::string& text, const std::string& what) {
  auto csv = ParseCsv(text, what);
  if (!csv.ok()) return csv.status();
  std::vector<CsvRow> rows;
  for (const ls::CsvRow& r : *csv) {
    const auto& f = r.fields;
    if (rows.empty() && f.size() == 2 && (f[1] == "label" || f[1] == "end_s")) continue;  // header
    if (f.size() != 2) {
      return absl::InvalidArgumentError(absl::StrCat(what, " row ", r.line, ": expected 2 comma-separated fields, got ",
                                                     f.size(), " in '", absl::StrJoin(f, ","), "'"));
    }
    if (f[0].empty()) return absl::InvalidArgumentError(absl::StrCat(what, " row ", r.line, ": the first field is empty"));
    rows.push_back({r.line, f[0], f[1]});
  }
  return rows;
}

bool LooksLikeSongId(const std::string& text) {
  if (text.size() < 6 || text.size() > 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string ResolveLocalPath(const std::string& entry, const std::string& manifest_path) {
  std::error_code ec;
  if (std::filesystem::exists(entry, ec)) return entry;
  std::filesystem::path p(entry);
  if (p.is_relative()) {
    auto beside = std::filesystem::path(manifest_path).parent_path() / p;
    if (std::filesystem::exists(beside, ec)) return beside.string();
  }
  return "";
}

}  // namespace ls::cli
