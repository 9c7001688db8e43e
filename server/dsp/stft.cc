#include "dsp/stft.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "dsp/kernels.h"

namespace ls::dsp {
namespace {

// FFTW's planner is not thread-safe; every plan made or destroyed here holds this.
std::mutex& PlannerMutex() {
  static std::mutex mu;
  return mu;
}

// Long songs are split over two threads; below this many frames one is faster.
constexpr int kParallelFrames = 512;

struct FftwFree {
  void operator()(void* p) const { fftwf_free(p); }
};

}  // namespace

struct Stft::Impl {
  fftwf_plan plan = nullptr;
  float window[kFrameSize];

  // Transforms frames [first, last) into spec; per-call aligned buffers keep
  // concurrent calls independent (new-array execute on the shared plan).
  // With `log`, each row also gets log1p while it is still in cache, and the
  // range of the results is returned through lo/hi.
  void Run(const float* x, int hop, int first, int last, bool log, Spectrogram& spec, float* lo,
           float* hi) const {
    std::unique_ptr<float, FftwFree> in(fftwf_alloc_real(kFrameSize));
    std::unique_ptr<fftwf_complex, FftwFree> out(fftwf_alloc_complex(kBins));
    const float* c = reinterpret_cast<const float*>(out.get());
    *lo = INFINITY;
    *hi = -INFINITY;
    for (int i = first; i < last; ++i) {
      kernels::Multiply(x + static_cast<size_t>(i) * hop, window, in.get(), kFrameSize);
      fftwf_execute_dft_r2c(plan, in.get(), out.get());
      kernels::ComplexAbs(c, spec.row(i), kBins);
      if (log) {
        float l, h;
        kernels::Log1pMinMax(spec.row(i), kBins, &l, &h);
        *lo = std::min(*lo, l);
        *hi = std::max(*hi, h);
      }
    }
  }

  // Runs frames over one thread, or two for long songs; returns lo/hi as Run.
  void RunAll(const float* x, int hop, bool log, Spectrogram& spec, float* lo, float* hi) const {
    if (spec.frames < kParallelFrames || std::thread::hardware_concurrency() < 2) {
      Run(x, hop, 0, spec.frames, log, spec, lo, hi);
      return;
    }
    const int mid = spec.frames / 2;
    float lo2, hi2;
    std::thread worker([&] { Run(x, hop, mid, spec.frames, log, spec, &lo2, &hi2); });
    Run(x, hop, 0, mid, log, spec, lo, hi);
    worker.join();
    *lo = std::min(*lo, lo2);
    *hi = std::max(*hi, hi2);
  }
};

namespace {

absl::Status CheckArgs(const float* samples, size_t n, int hop) {
  if (hop <= 0) return absl::InvalidArgumentError(absl::StrCat("hop must be > 0, got ", hop));
  if (samples == nullptr || n < static_cast<size_t>(kFrameSize)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "audio is shorter than one frame: ", n, " samples, need at least ", kFrameSize));
  }
  return absl::OkStatus();
}

Spectrogram Shaped(size_t n, int hop) {
  Spectrogram spec;
  spec.hop = hop;
  spec.frames = FrameCount(n, hop);
  spec.data.resize(static_cast<size_t>(spec.frames) * kBins);
  return spec;
}

// (v - lo) / (hi - lo), or all zeros when the range is empty (silence).
void Normalize(std::vector<float>& data, float lo, float hi) {
  const float range = hi - lo;
  if (!(range > 0.0f)) {
    std::fill(data.begin(), data.end(), 0.0f);
    return;
  }
  kernels::Normalize(data.data(), data.size(), lo, 1.0f / range);
}

}  // namespace

int FrameCount(size_t n_samples, int hop) {
  if (hop <= 0 || n_samples < static_cast<size_t>(kFrameSize)) return 0;
  return static_cast<int>(1 + (n_samples - kFrameSize) / static_cast<size_t>(hop));
}

Stft::Stft() : impl_(new Impl) {
  for (int n = 0; n < kFrameSize; ++n) {
    // Periodic Hann (denominator N, not N-1), as scipy.signal's 'hann'.
    impl_->window[n] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * M_PI * n / kFrameSize));
  }
  std::lock_guard<std::mutex> lock(PlannerMutex());
  float* in = fftwf_alloc_real(kFrameSize);
  fftwf_complex* out = fftwf_alloc_complex(kBins);
  // MEASURE costs tens of ms once and picks a faster codelet path than ESTIMATE.
  impl_->plan = fftwf_plan_dft_r2c_1d(kFrameSize, in, out, FFTW_MEASURE);
  fftwf_free(in);
  fftwf_free(out);
}

Stft::~Stft() {
  std::lock_guard<std::mutex> lock(PlannerMutex());
  fftwf_destroy_plan(impl_->plan);
  delete impl_;
}

absl::StatusOr<Spectrogram> Stft::Magnitude(const float* samples, size_t n, int hop) const {
  if (absl::Status st = CheckArgs(samples, n, hop); !st.ok()) return st;
  Spectrogram spec = Shaped(n, hop);
  float lo, hi;
  impl_->RunAll(samples, hop, /*log=*/false, spec, &lo, &hi);
  return spec;
}

absl::StatusOr<Spectrogram> Stft::Features(const float* samples, size_t n, int hop) const {
  if (absl::Status st = CheckArgs(samples, n, hop); !st.ok()) return st;
  Spectrogram spec = Shaped(n, hop);
  float lo, hi;
  impl_->RunAll(samples, hop, /*log=*/true, spec, &lo, &hi);
  Normalize(spec.data, lo, hi);
  return spec;
}

void Log1pMinMax(Spectrogram& spec) {
  if (spec.data.empty()) return;
  float lo, hi;
  kernels::Log1pMinMax(spec.data.data(), spec.data.size(), &lo, &hi);
  Normalize(spec.data, lo, hi);
}

const Stft& SharedStft() {
  // The one documented process-wide object: planning once saves ~tens of ms per song.
  static const Stft* stft = [] {
    // aubio (analysis) and the judge plan their own FFTW transforms on worker
    // threads, each under its own lock; this makes every planner call in the
    // process safe together, before anyone plans.
    fftwf_make_planner_thread_safe();
    return new Stft();
  }();
  return *stft;
}

}  // namespace ls::dsp
