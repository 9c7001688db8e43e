#pragma once
/// Tuning of the Player. Plain value; thread-safe to copy.

#include <cstddef>
#include <cstdint>

#include "absl/status/status.h"

namespace ls::agent {

struct PlayerConfig {
  /// The agent's own audio-to-light offset (--offset-ms), added to every frame time:
  /// positive delays the lights.
  int64_t offset_ns = 0;
  /// A frame more than this many frame periods past its time is dropped, never applied.
  /// At most 1: past one period the frame's slot is over (the next frame is due),
  /// and frames arriving late one by one would otherwise go out in a burst.
  double drop_tolerance_periods = 1.0;
  /// Lights go dark this many frame periods after the last frame's time when no later
  /// frame is held (buffer ran dry, stream stalled, server gone).
  double safe_off_periods = 2.0;
  /// When > 0, the safe-off delay in ns instead of safe_off_periods (--safe-off-ms).
  int64_t safe_off_ns = 0;
  /// A frame applied later than this is counted as late (it is still applied).
  int64_t late_margin_ns = 5'000'000;
  /// Frame period used when a ShowStart carries none: 1024 samples at 44.1 kHz.
  int64_t default_frame_period_ns = 23'219'955;
  /// The scheduler sleeps on a condition variable until this close to a frame's
  /// time, then waits on the high-resolution timer for precision.
  int64_t precise_window_ns = 2'000'000;
  /// SCHED_FIFO priority of the scheduler thread, where the system allows it
  /// (root, CAP_SYS_NICE or an RLIMIT_RTPRIO); 0 = normal scheduling. Falls back
  /// quietly to normal scheduling when refused.
  int realtime_priority = 10;
  /// Frames held at most (a 40-minute show at 43 frames/s fits).
  size_t max_buffered_frames = 1u << 17;
  /// Apply errors kept between two TakeApplyErrors() calls.
  size_t max_apply_errors = 4096;
};

/// OK when every field is in range; otherwise says which one is wrong.
absl::Status ValidatePlayerConfig(const PlayerConfig& config);

}  // namespace ls::agent
