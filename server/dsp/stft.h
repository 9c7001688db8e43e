#pragma once
/// Short-time Fourier transform (FFTW3, single precision) and song features.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::dsp {

inline constexpr int kFrameSize = 1024;
inline constexpr int kBins = kFrameSize / 2 + 1;  // 513

/// frames × bins, row-major. Frame i covers samples [i*hop, i*hop+1024);
/// incomplete tail frames are dropped: frames = 1 + (n - 1024) / hop.
struct Spectrogram {
  int frames = 0;
  int bins = kBins;
  int hop = kFrameSize;
  std::vector<float> data;
  float* row(int i) { return data.data() + static_cast<size_t>(i) * bins; }
  const float* row(int i) const { return data.data() + static_cast<size_t>(i) * bins; }
};

/// Number of whole frames in n samples (0 when n < 1024).
int FrameCount(size_t n_samples, int hop);

/// Periodic Hann window + |rfft|. The FFTW plan is made once in the constructor
/// (planning is not thread-safe, so it is guarded); Magnitude() is thread-safe
/// (new-array execute with per-call buffers).
class Stft {
 public:
  Stft();
  ~Stft();
  Stft(const Stft&) = delete;
  Stft& operator=(const Stft&) = delete;

  /// |rfft(hann · frame)| for every whole frame; INVALID_ARGUMENT when hop <= 0
  /// or the audio is shorter than one frame.
  absl::StatusOr<Spectrogram> Magnitude(const float* samples, size_t n, int hop) const;

  /// Magnitude() followed by Log1pMinMax(), fused: each row gets log1p while
  /// still in cache (the song's features in one pass). Same errors.
  absl::StatusOr<Spectrogram> Features(const float* samples, size_t n, int hop) const;

 private:
  struct Impl;
  Impl* impl_;
};

/// In place: log1p, then min-max over the whole song to [0,1]. A constant
/// spectrogram (silence) becomes all zeros — never a division by zero.
/// Negative inputs count as 0 (magnitudes are never negative).
void Log1pMinMax(Spectrogram& spec);

/// The process-wide Stft (plans once). Thread-safe.
const Stft& SharedStft();

}  // namespace ls::dsp
