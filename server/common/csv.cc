#include "common/csv.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/files.h"

namespace ls {

absl::StatusOr<std::vector<CsvRow>> ParseCsv(std::string_view text, const std::string& what) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool quoted = false;      // inside quotes
  bool was_quoted = false;  // this field had quotes (keep its spaces)
  int line = 1, quote_line = 0;
  auto end_field = [&] {
    row.fields.push_back(was_quoted ? field : std::string(absl::StripAsciiWhitespace(field)));
    field.clear();
    was_quoted = false;
  };
  auto end_row = [&] {
    end_field();
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    const bool comment = !row.fields.empty() && !row.fields[0].empty() && row.fields[0][0] == '#';
    if (!blank && !comment) rows.push_back(std::move(row));
    row = CsvRow{};
  };
  row.line = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (!absl::StripAsciiWhitespace(field).empty()) {
        return absl::InvalidArgumentError(absl::StrCat(what, " line ", line, ": a quote inside an unquoted field"));
      }
      field.clear();
      quoted = was_quoted = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n') {
      end_row();
      row.line = ++line;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (quoted) return absl::InvalidArgumentError(absl::StrCat(what, " line ", quote_line, ": a quote is never closed"));
  end_row();
  return rows;
}

absl::StatusOr<std::vector<CsvRow>> ReadCsvFile(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return absl::NotFoundError(text.status().message());  // the message names the path
  return ParseCsv(*text, path);
}

absl::StatusOr<double> CsvNumber(const CsvRow& row, size_t col, const std::string& what) {
  if (col >= row.fields.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " line ", row.line, ": expected at least ", col + 1, " fields, got ", row.fields.size()));
  }
  double v = 0;
  if (!absl::SimpleAtod(row.fields[col], &v)) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " line ", row.line, ": field ", col + 1, " is not a number: '", row.fields[col], "'"));
  }
  return v;
}

}  // namespace ls
