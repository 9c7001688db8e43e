#include "player/player_config.h"

#include "absl/strings/str_cat.h"

namespace ls::agent {

absl::Status ValidatePlayerConfig(const PlayerConfig& c) {
  constexpr int64_t kMaxOffsetNs = 60'000'000'000;  // a minute is surely a typo beyond
  if (c.offset_ns < -kMaxOffsetNs || c.offset_ns > kMaxOffsetNs) {
    return absl::InvalidArgumentError(
        absl::StrCat("offset ", c.offset_ns / 1'000'000, " ms is outside -60000..60000 ms"));
  }
  if (!(c.drop_tolerance_periods > 0) || !(c.safe_off_periods > 0)) {
    return absl::InvalidArgumentError("drop tolerance and safe-off must be > 0 frame periods");
  }
  if (c.drop_tolerance_periods > 1) {
    return absl::InvalidArgumentError("drop tolerance must be <= 1 frame period (late frames would burst)");
  }
  if (c.safe_off_ns < 0) return absl::InvalidArgumentError("safe-off must be >= 0 ms");
  if (c.late_margin_ns < 0 || c.precise_window_ns < 0 || c.default_frame_period_ns <= 0) {
    return absl::InvalidArgumentError("late margin / precise window must be >= 0, period > 0");
  }
  if (c.max_buffered_frames == 0) {
    return absl::InvalidArgumentError("max_buffered_frames must be > 0");
  }
  return absl::OkStatus();
}

}  // namespace ls::agent
