#pragma once
/// LightShow Pi's rule as a baseline show: 8 log-spaced bands 20 Hz–15 kHz,
/// level = log10 of the band power per frame (1024-sample Hann frames, hop
/// 1024), per-song mean and σ per band, a channel on when
/// (level − mean + 0.5σ) / (1.25σ) > 0.5. No dwell, no hysteresis: the rule
/// as it is. Pure function; thread-safe.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::judge {

struct LspiConfig {
  double low_hz = 20.0;
  double high_hz = 15000.0;  ///< clamped to the Nyquist frequency
  int frame_size = 1024;     ///< also the hop
};

/// One mask per whole frame (bit i = band i, 0 = lowest). A band with σ = 0
/// (silence, nothing in it) stays dark. INVALID_ARGUMENT: no samples, fewer
/// than one frame, sample rate outside 8000..192000, a bad config.
absl::StatusOr<std::vector<uint8_t>> LspiShow(const float* samples, size_t n, int sample_rate,
                                              const LspiConfig& cfg = {});

}  // namespace ls::judge
