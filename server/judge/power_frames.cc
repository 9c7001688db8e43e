#include "judge/power_frames.h"

#include <fftw3.h>

#include <cmath>
#include <memory>
#include <mutex>

#include "absl/strings/str_cat.h"

namespace ls::judge {
namespace {

std::mutex& PlannerMutex() {
  static std::mutex mu;
  return mu;
}

struct FftwFree {
  void operator()(void* p) const { fftwf_free(p); }
};

}  // namespace

absl::StatusOr<PowerFrames> ComputePowerFrames(const float* samples, size_t n, int frame_size,
                                               int hop, bool centered) {
  if (samples == nullptr || n == 0) return absl::InvalidArgumentError("audio: no samples");
  if (frame_size < 16 || frame_size % 2 != 0) {
    return absl::InvalidArgumentError(absl::StrCat("frame_size: must be even and >= 16, got ", frame_size));
  }
  if (hop <= 0) return absl::InvalidArgumentError(absl::StrCat("hop: must be > 0, got ", hop));
  if (!centered && n < static_cast<size_t>(frame_size)) {
    return absl::InvalidArgumentError(
        absl::StrCat("audio: ", n, " samples, shorter than one frame of ", frame_size));
  }
  PowerFrames out;
  out.frame_size = frame_size;
  out.hop = hop;
  out.bins = frame_size / 2 + 1;
  out.frames = centered ? 1 + static_cast<int>(n / hop) : 1 + static_cast<int>((n - frame_size) / hop);
  out.power.assign(static_cast<size_t>(out.frames) * out.bins, 0.0f);

  std::unique_ptr<float, FftwFree> in(fftwf_alloc_real(frame_size));
  std::unique_ptr<fftwf_complex, FftwFree> spec(fftwf_alloc_complex(out.bins));
  fftwf_plan plan;
  {
    std::lock_guard<std::mutex> lock(PlannerMutex());
    plan = fftwf_plan_dft_r2c_1d(frame_size, in.get(), spec.get(), FFTW_ESTIMATE);
  }
  std::vector<float> window(frame_size);
  for (int i = 0; i < frame_size; ++i) {  // periodic Hann
    window[i] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * M_PI * i / frame_size));
  }
  const long long half = centered ? frame_size / 2 : 0;
  for (int t = 0; t < out.frames; ++t) {
    const long long start = static_cast<long long>(t) * hop - half;
    for (int i = 0; i < frame_size; ++i) {
      const long long k = start + i;
      in.get()[i] = (k >= 0 && k < static_cast<long long>(n)) ? samples[k] * window[i] : 0.0f;
    }
    fftwf_execute(plan);
    float* row = out.power.data() + static_cast<size_t>(t) * out.bins;
    for (int b = 0; b < out.bins; ++b) {
      const float re = spec.get()[b][0], im = spec.get()[b][1];
      row[b] = re * re + im * im;
    }
  }
  {
    std::lock_guard<std::mutex> lock(PlannerMutex());
    fftwf_destroy_plan(plan);
  }
  return out;
}

}  // namespace ls::judge
