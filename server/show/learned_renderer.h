#pragma once
/// Code → lights: turns a model's per-frame code (frames × channels) into
/// channel masks that follow the music and are kind to relays.
///
/// Per channel, thresholds come from the song itself: on above the
/// `on_quantile` of the channel's values, off below `off_quantile` (the gap
/// is the hysteresis), so every channel is used on every song. A state is
/// held at least `min_dwell_ms` before it may change, which also bounds
/// toggles/s. Frames from `dark_start` on are dark.
/// Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::show {

struct RenderProfile {
  std::string name = "relay";
  double on_quantile = 0.55;
  double off_quantile = 0.45;
  /// relay: 125 ms (≥ 60 ms, and ≤ 8 toggles/s follows: a toggle per 125 ms at most).
  double min_dwell_ms = 125.0;
};

/// Mechanical relays: min dwell 125 ms → ≤ 8 toggles/s, no dwell under 60 ms.
RenderProfile RelayProfile();
/// Solid-state relays: 30 ms dwell, narrower hysteresis.
RenderProfile SsrProfile();
/// "relay" or "ssr"; INVALID_ARGUMENT naming the value otherwise.
absl::StatusOr<RenderProfile> ProfileByName(const std::string& name);

/// Frames a state must be held: ceil(min_dwell_ms / frame period), ≥ 1.
int DwellFrames(const RenderProfile& p, double frame_period_s);

/// codes: frames × channels row-major (channels ≤ 8). Returns one mask per
/// frame (bit i = channel i). INVALID_ARGUMENT on inconsistent sizes.
absl::StatusOr<std::vector<uint8_t>> RenderCodes(const std::vector<float>& codes, int frames,
                                                 int channels, int dark_start,
                                                 double frame_period_s,
                                                 const RenderProfile& profile = RelayProfile());

}  // namespace ls::show
