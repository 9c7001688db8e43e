#include "classify/clip_inputs.h"

#include <algorithm>
#include <cmath>

#include "nn/tasks.h"

namespace ls::classify {
namespace {
constexpr int kLevels = 16;
constexpr int kRate = 44100;
}  // namespace

const char* ClipArchName(ClipArch a) {
  switch (a) {
    case ClipArch::kCnn1d: return "cnn1d";
    case ClipArch::kGru: return "gru";
    case ClipArch::kMlp: return "mlp";
    case ClipArch::kLogreg: return "logreg";
  }
  return "?";
}

bool ParseClipArch(const std::string& name, ClipArch* arch) {
  for (ClipArch a : {ClipArch::kCnn1d, ClipArch::kGru, ClipArch::kMlp, ClipArch::kLogreg}) {
    if (name == ClipArchName(a)) { *arch = a; return true; }
  }
  return false;
}

size_t ClipSamples(const ClipConfig& c) {
  return static_cast<size_t>(std::max(0.0, std::round(c.clip_s * kRate)));
}

std::vector<size_t> ClipStarts(size_t n, size_t clip) {
  std::vector<size_t> starts;
  if (clip == 0) return starts;
  for (size_t s = 0; s + clip <= n; s += clip) starts.push_back(s);
  return starts;
}

int SamplesPerClip(const ClipConfig& c) { return c.arch == ClipArch::kGru ? c.gru_windows : 1; }

nn::Index InputRows(const ClipConfig& c) {
  switch (c.arch) {
    case ClipArch::kCnn1d: return static_cast<nn::Index>(ClipSamples(c) / c.decimate);
    case ClipArch::kGru: return static_cast<nn::Index>(kLevels) * c.gru_steps;
    default: return kPooledFeatures;
  }
}

void PooledSpectrum(const dsp::Spectrogram& spec, int first, int count, float* out) {
  const int bins = spec.bins;
  std::vector<double> sum(bins, 0.0), sq(bins, 0.0);
  for (int t = first; t < first + count; ++t) {
    const float* row = spec.row(t);
    for (int b = 0; b < bins; ++b) { sum[b] += row[b]; sq[b] += double(row[b]) * row[b]; }
  }
  const double n = std::max(count, 1);
  for (int b = 0; b < bins; ++b) {
    const double m = sum[b] / n;
    out[b] = static_cast<float>(m);
    out[bins + b] = static_cast<float>(std::sqrt(std::max(0.0, sq[b] / n - m * m)));
  }
}

void ClipColumns(const ClipConfig& c, const float* clip, const float* pooled, nn::Matrix& x,
                 nn::Index col) {
  const size_t n = ClipSamples(c);
  if (c.arch == ClipArch::kCnn1d) {
    const nn::Index len = InputRows(c);
    double energy = 0;
    for (nn::Index i = 0; i < len; ++i) {
      double s = 0;
      for (int k = 0; k < c.decimate; ++k) s += clip[i * c.decimate + k];
      x(i, col) = static_cast<nn::Scalar>(s / c.decimate);
      energy += double(x(i, col)) * x(i, col);
    }
    const double rms = std::sqrt(energy / std::max<nn::Index>(len, 1));
    if (rms > 1e-6) x.col(col) /= static_cast<nn::Scalar>(rms);  // level-independent
  } else if (c.arch == ClipArch::kGru) {
    const std::vector<int> q = nn::EpynnQuantise(clip, n, kRate, kLevels);
    const int steps = c.gru_steps;
    const int span = std::max<int>(0, static_cast<int>(q.size()) - steps);
    for (int w = 0; w < c.gru_windows; ++w) {
      const int start = c.gru_windows > 1 ? span * w / (c.gru_windows - 1) : span / 2;
      std::vector<int> window(steps, -1);  // short clips: missing steps stay all-zero
      for (int t = 0; t < steps && start + t < static_cast<int>(q.size()); ++t) {
        window[t] = q[start + t];
      }
      nn::OneHotColumn(window.data(), steps, kLevels, x, col + w);
    }
  } else {
    for (int i = 0; i < kPooledFeatures; ++i) x(i, col) = pooled[i];
  }
}

}  // namespace ls::classify
