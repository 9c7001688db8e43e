#pragma once
/// The 8 light channels as one output device.
///
/// Contract: `Set` drives channel i on when bit i of `mask` is set and off otherwise,
/// all 8 at once; `AllOff` drives every channel off (the safe state). Both report
/// failures as a Status and leave the device in the best state they could reach.
/// Thread-safety: implementations are NOT thread-safe; the owner serialises calls
/// (the Player calls them only while holding its mutex).

#include <cstdint>

#include "absl/status/status.h"

namespace ls::agent {

/// Number of channels one agent drives.
inline constexpr int kChannels = 8;

/// Which frame an output change belongs to; used by backends that record (sim).
struct FrameStamp {
  int64_t frame = -1;         ///< show frame index; -1 = not a frame (start/stop/safe-off/exit)
  int64_t scheduled_ns = 0;   ///< intended CLOCK_REALTIME time on the agent's clock; 0 = none
};

class Outputs {
 public:
  virtual ~Outputs() = default;

  /// Drives the channels to `mask` (bit i = channel i on; bits above 7 are ignored).
  virtual absl::Status Set(uint8_t mask, const FrameStamp& stamp) = 0;

  /// Drives every channel off. `scheduled_ns` is when the off was due (0 = now).
  virtual absl::Status AllOff(int64_t scheduled_ns) = 0;
};

}  // namespace ls::agent
