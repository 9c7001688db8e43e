#pragma once
/// Server log lines on stderr: "2026-12-05T17:14:03.123Z INFO  message".
/// Timestamped (UTC, ms) and levelled so journald and plain files are both
/// searchable; each line goes out in one write(2), so lines from different
/// threads never interleave. Thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

namespace ls {

enum class LogLevel { kInfo, kWarning, kError };

/// Writes one line (a trailing newline is added; newlines inside `message`
/// are escaped so one event is one line).
void Log(LogLevel level, std::string_view message);
inline void LogInfo(std::string_view m) { Log(LogLevel::kInfo, m); }
inline void LogWarning(std::string_view m) { Log(LogLevel::kWarning, m); }
inline void LogError(std::string_view m) { Log(LogLevel::kError, m); }

/// Text a client chose (agent ids, upload names) made safe to log: bytes
/// outside printable ASCII and backslashes become \xNN / \\, so a name cannot
/// forge a log line or send terminal escapes; longer than `max` bytes is cut and ends in "...".
std::string Escaped(std::string_view text, size_t max = 128);

}  // namespace ls
