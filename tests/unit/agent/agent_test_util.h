#pragma once
// Helpers shared by the agent's tests: temp paths, reading the sim CSV, polling.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace ls::agent::testing {

struct CsvRow {
  int64_t frame = 0;
  int64_t scheduled_ns = 0;
  int64_t applied_ns = 0;
  unsigned mask = 0;
  std::string mask_text;
};

/// A fresh path under the test temp dir (the file does not exist).
std::string TempPath(const std::string& name);

/// All data rows of a sim CSV file; `header` gets the first line.
std::vector<CsvRow> ReadCsv(const std::string& path, std::string* header = nullptr);

/// Rows with frame >= 0.
std::vector<CsvRow> FrameRows(const std::vector<CsvRow>& rows);

/// Polls `pred` every 5 ms until true or `timeout_ms` passed; returns its last value.
bool WaitFor(const std::function<bool()>& pred, int timeout_ms);

/// Writes `text` to `path` with mode 0600 (token files must be private).
void WriteFile(const std::string& path, const std::string& text);

}  // namespace ls::agent::testing
