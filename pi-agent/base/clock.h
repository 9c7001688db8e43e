#pragma once
/// Clock helpers for the agent. Show times are CLOCK_REALTIME nanoseconds.
/// Thread-safety: all functions are thread-safe.

#include <cstdint>

namespace ls::agent {

/// CLOCK_REALTIME now, in nanoseconds since the Unix epoch.
int64_t NowRealtimeNs();

/// CLOCK_MONOTONIC now, in nanoseconds (for intervals and timeouts).
int64_t NowMonotonicNs();

/// Sleeps until CLOCK_REALTIME reaches `deadline_ns` (absolute; returns at once if past).
/// Uses the kernel's high-resolution timer, so the wake-up is typically within
/// ~0.1 ms; callers keep the wait short (≲ a few ms) because it is not interruptible.
void SleepUntilRealtimeNs(int64_t deadline_ns);

}  // namespace ls::agent
