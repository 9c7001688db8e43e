#include "analysis/sections.h"

#include <algorithm>
#include <cmath>

namespace ls::analysis {
namespace {

constexpr int kBands = 16;

// Mean feature of 16 log-spaced bands (bins 1..512) per block of frames, each
// block's vector centred and scaled to unit length for cosine similarity.
std::vector<std::vector<float>> BlockFeatures(const dsp::Spectrogram& spec, int per_block) {
  std::vector<int> edge(kBands + 1);
  for (int b = 0; b <= kBands; ++b) {
    edge[b] = std::clamp(static_cast<int>(std::lround(std::pow(spec.bins - 1, double(b) / kBands))), 1,
                         spec.bins);
  }
  for (int b = 1; b <= kBands; ++b) edge[b] = std::max(edge[b], edge[b - 1] + 1);
  const int blocks = spec.frames / per_block;
  std::vector<std::vector<float>> out(blocks, std::vector<float>(kBands + 1, 0.f));
  for (int k = 0; k < blocks; ++k) {
    auto& v = out[k];
    for (int f = k * per_block; f < (k + 1) * per_block; ++f) {
      const float* row = spec.row(f);
      for (int b = 0; b < kBands; ++b) {
        const int hi = std::min(edge[b + 1], spec.bins);
        float s = 0;
        for (int i = edge[b]; i < hi; ++i) s += row[i];
        v[b] += s / std::max(1, hi - edge[b]);
        v[kBands] += s;  // overall level: loud and quiet parts differ too
      }
    }
    for (float& x : v) x /= per_block;
    v[kBands] /= kBands;
  }
  // Centre each dimension over the song, then unit length per block.
  for (int d = 0; d <= kBands; ++d) {
    double m = 0;
    for (const auto& v : out) m += v[d];
    m /= std::max(1, blocks);
    for (auto& v : out) v[d] -= static_cast<float>(m);
  }
  for (auto& v : out) {
    double n = 0;
    for (float x : v) n += double(x) * x;
    n = std::sqrt(n);
    if (n > 1e-9) {
      for (float& x : v) x = static_cast<float>(x / n);
    }
  }
  return out;
}

}  // namespace

Sections FindSections(const dsp::Spectrogram& spec, double frame_period_s, const SectionConfig& cfg) {
  Sections s;
  const int per_block = std::max(1, static_cast<int>(std::lround(cfg.block_s / frame_period_s)));
  s.block_s = per_block * frame_period_s;
  const auto feat = BlockFeatures(spec, per_block);
  const int n = static_cast<int>(feat.size());
  const int half = std::max(2, static_cast<int>(std::lround(cfg.kernel_s / s.block_s)));
  s.novelty.assign(n, 0.f);
  if (n < 2 * half) return s;
  auto sim = [&](int i, int j) {
    float d = 0;
    for (int k = 0; k <= kBands; ++k) d += feat[i][k] * feat[j][k];
    return d;
  };
  // Gaussian-tapered checkerboard: + within the past and within the future,
  // − across them.
  // Normalised by the kernel's total weight: 1 = the two halves are each
  // uniform and opposite, ~0 = nothing changes.
  double wsum = 0;
  for (int i = -half; i < half; ++i) {
    for (int j = -half; j < half; ++j) {
      const double gi = (i + 0.5) / half, gj = (j + 0.5) / half;
      wsum += std::exp(-2.0 * (gi * gi + gj * gj));
    }
  }
  for (int c = half; c + half <= n; ++c) {
    double acc = 0;
    for (int i = -half; i < half; ++i) {
      for (int j = -half; j < half; ++j) {
        const double gi = (i + 0.5) / half, gj = (j + 0.5) / half;
        const double w = std::exp(-2.0 * (gi * gi + gj * gj));
        const double sign = ((i < 0) == (j < 0)) ? 1.0 : -1.0;
        acc += sign * w * sim(c + i, c + j);
      }
    }
    s.novelty[c] = static_cast<float>(std::max(0.0, acc / wsum));
  }
  double mean = 0, sq = 0;
  for (float v : s.novelty) {
    mean += v;
    sq += double(v) * v;
  }
  mean /= n;
  const double sd = std::sqrt(std::max(0.0, sq / n - mean * mean));
  const double thr = std::max(cfg.min_novelty, mean + cfg.threshold_sigma * sd);
  const int min_gap = std::max(1, static_cast<int>(std::lround(cfg.min_section_s / s.block_s)));
  // Strongest peaks first, each one claiming min_gap blocks around it.
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return s.novelty[a] > s.novelty[b]; });
  std::vector<int> taken;
  for (int c : order) {
    if (s.novelty[c] <= thr) break;
    if (c < min_gap / 2 || c > n - min_gap / 2) continue;
    bool near = false;
    for (int t : taken) near = near || std::abs(t - c) < min_gap;
    if (!near) taken.push_back(c);
  }
  std::sort(taken.begin(), taken.end());
  for (int c : taken) s.boundaries_s.push_back(c * s.block_s);
  return s;
}

}  // namespace ls::analysis
