#pragma once
/// The judge's own framing: Hann-windowed frames → power spectra with FFTW3
/// (single precision). Kept apart from ls::dsp so the evaluator's signal path
/// shares no code with the renderers it grades.
/// Thread-safe: plans are made and destroyed under one mutex (FFTW's planner
/// is not thread-safe); each call uses its own buffers.

#include <cstddef>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::judge {

/// frames × bins power |X|², row-major; bins = frame_size/2 + 1.
struct PowerFrames {
  int frames = 0;
  int bins = 0;
  int frame_size = 0;
  int hop = 0;
  std::vector<float> power;
  const float* row(int i) const { return power.data() + static_cast<size_t>(i) * bins; }
};

/// centered: frame t is centred on sample t·hop (zero padding at both ends),
/// frames = 1 + n/hop. Otherwise frame t covers [t·hop, t·hop + frame_size)
/// and incomplete tail frames are dropped (frames = 1 + (n − frame_size)/hop).
/// INVALID_ARGUMENT: no samples, frame_size not an even number ≥ 16, hop ≤ 0,
/// or (not centred) fewer samples than one frame.
absl::StatusOr<PowerFrames> ComputePowerFrames(const float* samples, size_t n, int frame_size,
                                               int hop, bool centered);

}  // namespace ls::judge
