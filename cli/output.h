#pragma once
/// Human output helpers: durations, ids, tables, the upload progress bar,
/// the lights of a show and a rate-limited live status line.

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace ls::cli {

/// "m:ss.s" (e.g. 3:07.4), "h:mm:ss.s" from one hour; negative → 0:00.0.
std::string FormatDuration(double seconds);

/// A stage time: "850 µs", "12.3 ms" or "1.23 s".
std::string FormatSeconds(double seconds);

/// "512 B", "4.5 KiB", "12.0 MiB".
std::string FormatBytes(uint64_t bytes);

/// The first 12 characters of a song id (what humans read and type).
std::string ShortId(std::string_view id);

/// Local time "YYYY-MM-DD HH:MM:SS" of a Unix time in ms; "-" for 0.
std::string FormatLocalTime(int64_t unix_ms);

/// `channels` lights (8 if 0), channel 0 leftmost: ● on, ○ off (bit i of
/// `mask` = channel i); a space between groups of 8.
std::string FormatLights(uint32_t mask, uint32_t channels);

/// Terminal columns a UTF-8 string takes (one per code point).
size_t DisplayWidth(std::string_view utf8);

/// The longest prefix of `utf8` that fits in `width` columns (whole code
/// points only).
std::string TruncateToWidth(std::string_view utf8, size_t width);

/// A plain text table: header row, columns padded to their widest cell,
/// two spaces apart, chosen columns right-aligned.
class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  /// Right-aligns column `column` (numbers read better that way).
  void AlignRight(size_t column);
  /// Adds a row; missing cells are empty, extra cells are dropped.
  void AddRow(std::vector<std::string> cells);
  size_t rows() const { return rows_.size(); }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

/// One progress line: "name  [#####.....]  45%  4.5 MiB / 10.0 MiB".
/// `total` 0 (unknown) shows only the bytes.
std::string RenderProgress(std::string_view label, uint64_t done, uint64_t total,
                           int bar_width = 30);

/// A status line redrawn in place on a terminal ("\r" + line + clear to end
/// of line, cut to `columns` - 1 so it never wraps) and, elsewhere, printed
/// as whole lines, repeats skipped, at most once per `min_interval` (so logs
/// are not flooded). Not thread-safe.
class LiveLine {
 public:
  LiveLine(std::ostream& out, bool tty, int columns = 0,
           std::chrono::milliseconds min_interval = std::chrono::milliseconds(1000));
  LiveLine(const LiveLine&) = delete;
  LiveLine& operator=(const LiveLine&) = delete;
  ~LiveLine();

  /// Shows `line`; `force` skips the rate limit (state changes, final line).
  void Show(const std::string& line, bool force = false);
  /// Ends the line on a terminal so later output starts on a fresh one.
  void Finish();
  /// Wipes the line on a terminal (for progress that leaves no trace).
  void Clear();

 private:
  std::ostream& out_;
  bool tty_;
  int columns_;
  std::chrono::milliseconds min_interval_;
  std::chrono::steady_clock::time_point last_{};
  bool shown_ = false;
  bool open_ = false;  // a line is drawn and not yet ended
  std::string last_line_;
};

/// Upload progress on a terminal; does nothing when `enabled` is false.
class ProgressBar {
 public:
  ProgressBar(std::ostream& out, bool enabled, std::string label, uint64_t total,
              int columns = 0);
  /// Redraws when the shown percentage (or, unknown total, the MiB) changes.
  void Update(uint64_t done);
  /// Removes the bar.
  void Done();

 private:
  LiveLine line_;
  bool enabled_;
  std::string label_;
  uint64_t total_;
  int64_t last_step_ = -1;
};

}  // namespace ls::cli
