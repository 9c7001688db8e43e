#include "common/log.h"

#include <unistd.h>

#include <chrono>
#include <ctime>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace ls {
namespace {

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kInfo: return "INFO ";
    case LogLevel::kWarning: return "WARN ";
    case LogLevel::kError: return "ERROR";
  }
  return "?    ";
}

std::string Timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  const int ms = static_cast<int>(
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
  return absl::StrFormat("%s.%03dZ", buf, ms);
}

void AppendEscaped(std::string& out, std::string_view text, bool keep_tabs) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\\') {
      out += "\\\\";
    } else if ((c >= 0x20 && c < 0x7f) || (keep_tabs && c == '\t')) {
      out += ch;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += absl::StrFormat("\\x%02x", c);
    }
  }
}

}  // namespace

void Log(LogLevel level, std::string_view message) {
  std::string line = absl::StrCat(Timestamp(), " ", LevelName(level), " ");
  // Our own messages may hold UTF-8 (file paths): only line breaks and other
  // control bytes are escaped here; client text is escaped by Escaped().
  for (const char ch : message) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') line += "\\n";
    else if (c < 0x20 && c != '\t') line += absl::StrFormat("\\x%02x", c);
    else line += ch;
  }
  line += '\n';
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + done, line.size() - done);
    if (n <= 0) break;  // nowhere to report a failing stderr
    done += static_cast<size_t>(n);
  }
}

std::string Escaped(std::string_view text, size_t max) {
  std::string out;
  const bool cut = text.size() > max;
  AppendEscaped(out, cut ? text.substr(0, max) : text, false);
  if (cut) out += "...";
  return out;
}

}  // namespace ls
