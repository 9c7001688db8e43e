#pragma once
/// One-line log messages to stderr, prefixed with the UTC time and "lightshow-agent".
/// Thread-safety: thread-safe; each message is written with a single write(2) call,
/// so lines from different threads never interleave.

#include <string_view>

namespace ls::agent {

/// Writes `message` as one line on stderr.
void Log(std::string_view message);

}  // namespace ls::agent
