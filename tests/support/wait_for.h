#pragma once
/// Waiting on observable state instead of sleeping: tests poll a condition (a
/// metric, a log line, a status, a file) until it holds or a bound passes.
/// Thread-safe: no shared state.

#include <chrono>
#include <functional>

namespace ls::testutil {

/// Polls `pred` every `poll` until it returns true or `timeout` passes; the
/// last call is made at or after the deadline, so a slow machine only makes
/// the wait longer, never a false failure before the bound.
bool WaitFor(const std::function<bool()>& pred, std::chrono::milliseconds timeout,
             std::chrono::milliseconds poll = std::chrono::milliseconds(20));

}  // namespace ls::testutil
