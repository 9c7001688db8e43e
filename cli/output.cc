#include "cli/output.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace ls::cli {

std::string FormatDuration(double seconds) {
  if (!(seconds > 0)) seconds = 0;  // also catches NaN
  // Round to tenths first so 59.96 s becomes 1:00.0, not 0:60.0.
  const int64_t tenths = static_cast<int64_t>(std::llround(seconds * 10.0));
  const int64_t h = tenths / 36000;
  const int64_t m = (tenths / 600) % 60;
  const int64_t s = (tenths / 10) % 60;
  const int64_t t = tenths % 10;
  char buf[64];
  if (h > 0) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld.%lld", static_cast<long long>(h),
                  static_cast<long long>(m), static_cast<long long>(s), static_cast<long long>(t));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld.%lld", static_cast<long long>(tenths / 600),
                  static_cast<long long>(s), static_cast<long long>(t));
  }
  return buf;
}

std::string FormatSeconds(double seconds) {
  char buf[64];
  if (seconds < 0.001) {
    std::snprintf(buf, sizeof buf, "%.0f µs", seconds * 1e6);
  } else if (seconds < 1.0) {
    std::snprintf(buf, sizeof buf, "%.1f ms", seconds * 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f s", seconds);
  }
  return buf;
}

std::string FormatBytes(uint64_t bytes) {
  char buf[64];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  } else if (bytes < 1024ull * 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  } else {
    std::snprintf(buf, sizeof buf, "%.2f GiB",
                  static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  }
  return buf;
}

std::string ShortId(std::string_view id) { return std::string(id.substr(0, 12)); }

std::string FormatLocalTime(int64_t unix_ms) {
  if (unix_ms == 0) return "-";
  const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

std::string FormatLights(uint32_t mask, uint32_t channels) {
  if (channels == 0) channels = 8;
  if (channels > 32) channels = 32;  // the mask has 32 bits
  std::string out;
  for (uint32_t i = 0; i < channels; ++i) {
    if (i > 0 && i % 8 == 0) out += ' ';
    out += ((mask >> i) & 1u) ? "●" : "○";
  }
  return out;
}

size_t DisplayWidth(std::string_view utf8) {
  size_t n = 0;
  for (const char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;  // skip continuation bytes
  }
  return n;
}

std::string TruncateToWidth(std::string_view utf8, size_t width) {
  size_t n = 0;
  for (size_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80 && n++ == width) {
      return std::string(utf8.substr(0, i));
    }
  }
  return std::string(utf8);
}

// ---------------------------------------------------------------- Table

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), right_(headers_.size(), false) {}

void Table::AlignRight(size_t column) {
  if (column < right_.size()) right_[column] = true;
}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

void Table::Print(std::ostream& out) const {
  std::vector<size_t> width(headers_.size(), 0);
  for (size_t c = 0; c < headers_.size(); ++c) width[c] = DisplayWidth(headers_[c]);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c) {
      width[c] = std::max(width[c], DisplayWidth(row[c]));
    }
  }
  const auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - DisplayWidth(row[c]), ' ');
      const bool last = c + 1 == row.size();
      if (c > 0) line += "  ";
      if (right_[c]) {
        line += pad + row[c];
      } else {
        line += row[c];
        if (!last) line += pad;  // no trailing blanks
      }
    }
    out << line << "\n";
  };
  print_row(headers_);
  for (const auto& row : rows_) print_row(row);
}

// ---------------------------------------------------------------- progress

std::string RenderProgress(std::string_view label, uint64_t done, uint64_t total, int bar_width) {
  std::string line(label);
  if (total == 0) return line + "  " + FormatBytes(done);
  if (done > total) done = total;
  const double frac = static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(frac * bar_width);
  line += "  [";
  line += std::string(filled, '#');
  line += std::string(bar_width - filled, '.');
  char buf[96];
  std::snprintf(buf, sizeof buf, "] %3d%%  ", static_cast<int>(frac * 100.0));
  line += buf;
  line += FormatBytes(done) + " / " + FormatBytes(total);
  return line;
}

LiveLine::LiveLine(std::ostream& out, bool tty, int columns,
                   std::chrono::milliseconds min_interval)
    : out_(out), tty_(tty), columns_(columns), min_interval_(min_interval) {}

LiveLine::~LiveLine() { Finish(); }

void LiveLine::Show(const std::string& line, bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (tty_) {
    if (line == last_line_ && open_) return;
    // A wrapped line would make every redraw start a new one.
    const std::string shown =
        columns_ > 1 ? TruncateToWidth(line, static_cast<size_t>(columns_ - 1)) : line;
    out_ << "\r" << shown << "\x1b[K" << std::flush;
    open_ = true;
  } else {
    if (shown_ && line == last_line_) return;
    if (!force && shown_ && now - last_ < min_interval_) return;
    out_ << line << "\n" << std::flush;
  }
  shown_ = true;
  last_ = now;
  last_line_ = line;
}

void LiveLine::Finish() {
  if (tty_ && open_) out_ << "\n" << std::flush;
  open_ = false;
}

void LiveLine::Clear() {
  if (tty_ && open_) out_ << "\r\x1b[K" << std::flush;
  open_ = false;
}

ProgressBar::ProgressBar(std::ostream& out, bool enabled, std::string label, uint64_t total,
                         int columns)
    : line_(out, /*tty=*/true, columns), enabled_(enabled), label_(std::move(label)), total_(total) {}

void ProgressBar::Update(uint64_t done) {
  if (!enabled_) return;
  const int64_t step = total_ > 0 ? static_cast<int64_t>(done * 100 / total_)
                                  : static_cast<int64_t>(done >> 20);
  if (step == last_step_) return;
  last_step_ = step;
  line_.Show(RenderProgress(label_, done, total_));
}

void ProgressBar::Done() {
  if (enabled_) line_.Clear();
}

}  // namespace ls::cli
