#pragma once
/// Per-frame analysis of a song shared by the end-of-song detectors: the
/// product's spectrogram features (hop 1024, log1p, per-song min-max) and the
/// frame loudness. Thread-safety: pure functions; the result is a value.

#include <vector>

#include "absl/status/statusor.h"
#include "dsp/stft.h"

namespace ls::classify {

inline constexpr int kHop = 1024;
inline constexpr double kFrameRate = 44100.0 / kHop;  ///< ≈ 43.07 frames/s

struct SongFrames {
  dsp::Spectrogram spec;          ///< frames × 513
  std::vector<float> loudness_db; ///< frame RMS in dBFS (floored at -120)
  float median_db = -120.0f;      ///< median of loudness_db
  int frames() const { return spec.frames; }
};

/// INVALID_ARGUMENT for audio shorter than one frame.
absl::StatusOr<SongFrames> AnalyseSong(const float* samples, size_t n);

/// Loudness of a `window`-frame centred moving average of frame power, in dB
/// relative to the song's median frame loudness.
std::vector<float> SmoothedRelativeDb(const SongFrames& f, int window);

}  // namespace ls::classify
