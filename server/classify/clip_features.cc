#include "classify/clip_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace ls::classify {
namespace {

constexpr double kRate = 44100.0;
constexpr double kEps = 1e-6;

double BinHz(int k, int bins) { return k * kRate / (2.0 * (bins - 1)); }
int HzBin(double hz, int bins) {
  return std::clamp(static_cast<int>(std::lround(hz * 2.0 * (bins - 1) / kRate)), 1, bins - 1);
}

void MeanStd(const std::vector<double>& v, float* mean, float* sd) {
  double s = 0, q = 0;
  for (double x : v) { s += x; q += x * x; }
  const double n = std::max<size_t>(v.size(), 1), m = s / n;
  *mean = static_cast<float>(m);
  *sd = static_cast<float>(std::sqrt(std::max(0.0, q / n - m * m)));
}

// Bin ranges of a spectrum with `bins` bins that the descriptors read.
struct DescriptorBins {
  std::array<int, kDescriptorBands + 1> edge{};  // band edges
  std::array<int, kContrastBands + 1> oct{};     // octave edges from 200 Hz (contrast)
  std::vector<int> pitch;                        // pitch class of a bin, -1 if none
};

DescriptorBins MakeDescriptorBins(int bins) {
  DescriptorBins d;
  // Band edges: log-spaced 40 Hz – 16 kHz, at least one bin each.
  for (int b = 0; b <= kDescriptorBands; ++b) {
    d.edge[b] = HzBin(40.0 * std::pow(400.0, double(b) / kDescriptorBands), bins);
    if (b > 0) d.edge[b] = std::max(d.edge[b], d.edge[b - 1] + 1);
  }
  for (int b = 0; b <= kContrastBands; ++b) d.oct[b] = HzBin(200.0 * std::pow(2.0, b), bins);
  d.pitch.assign(bins, -1);
  for (int k = 1; k < bins; ++k) {
    const double hz = BinHz(k, bins);
    if (hz >= 55 && hz <= 5000) {
      d.pitch[k] = ((static_cast<int>(std::lround(12 * std::log2(hz / 440.0))) % 12) + 12) % 12;
    }
  }
  return d;
}

// Per-frame measures of a clip (one entry per frame), and the running sums of
// contrast and chroma that only their clip mean is kept of.
struct FrameSeries {
  explicit FrameSeries(int count)
      : band(kDescriptorBands, std::vector<double>(count)), contrast_sum(kContrastBands, 0.0),
        centroid(count), flatness(count), total(count), flux(count, 0.0) {}
  std::vector<std::vector<double>> band;  // log mean power per band
  std::vector<double> contrast_sum, centroid, flatness, total, flux;
  std::array<double, 12> chroma{};
};

// Log ratio of the loudest to the quietest fifth of power[lo, hi).
double SpectralContrast(const std::vector<double>& power, int lo_bin, int hi_bin,
                        std::vector<double>* sorted) {
  sorted->assign(power.begin() + lo_bin, power.begin() + hi_bin);
  std::sort(sorted->begin(), sorted->end());
  const size_t q = std::max<size_t>(1, sorted->size() / 5);
  double lo = 0, hi = 0;
  for (size_t i = 0; i < q; ++i) { lo += (*sorted)[i]; hi += (*sorted)[sorted->size() - 1 - i]; }
  return std::log(hi / q + kEps) - std::log(lo / q + kEps);
}

// Adds frame t (magnitudes `row`) to `s`; `power` and `sorted` are scratch.
void AddFrame(const float* row, int t, const DescriptorBins& d, std::vector<double>* power,
              std::vector<double>* sorted, FrameSeries* s) {
  std::vector<double>& pw = *power;
  const int bins = static_cast<int>(pw.size());
  double sum = 0, weighted = 0, logsum = 0;
  std::array<double, 12> c{};
  for (int k = 0; k < bins; ++k) {
    pw[k] = double(row[k]) * row[k];
    sum += pw[k];
    weighted += pw[k] * BinHz(k, bins);
    logsum += std::log(pw[k] + kEps);
    if (d.pitch[k] >= 0) c[d.pitch[k]] += pw[k];
  }
  s->total[t] = std::log(sum / bins + kEps);
  s->centroid[t] = sum > kEps ? weighted / sum / 1000.0 : 0.0;  // kHz
  s->flatness[t] = logsum / bins - std::log(sum / bins + kEps);  // log(geo / arith mean)
  double csum = 0;
  for (double v : c) csum += v;
  for (int p = 0; p < 12; ++p) s->chroma[p] += csum > kEps ? c[p] / csum : 1.0 / 12;
  for (int b = 0; b < kDescriptorBands; ++b) {
    double e = 0;
    for (int k = d.edge[b]; k < d.edge[b + 1]; ++k) e += pw[k];
    s->band[b][t] = std::log(e / (d.edge[b + 1] - d.edge[b]) + kEps);
    if (t > 0) s->flux[t] += std::max(0.0, s->band[b][t] - s->band[b][t - 1]);
  }
  for (int o = 0; o < kContrastBands; ++o) {
    s->contrast_sum[o] += SpectralContrast(pw, d.oct[o], d.oct[o + 1], sorted);
  }
}

// Tempo: the strongest normalised autocorrelation of the onset strength
// (`flux`, mean `mean`) at 0.25–2 s; out[0] beats per second, out[1] that correlation.
void Tempo(const std::vector<double>& flux, double mean, float* out) {
  const int count = static_cast<int>(flux.size());
  std::vector<double> f(count);
  double var = 0;
  for (int t = 0; t < count; ++t) { f[t] = flux[t] - mean; var += f[t] * f[t]; }
  const int lo = 11, hi = std::min(86, count - 2);
  double best = 0;
  int best_lag = lo;
  std::vector<double> r(hi + 1, 0.0);
  for (int lag = lo; lag <= hi && var > 0; ++lag) {
    for (int t = lag; t < count; ++t) r[lag] += f[t] * f[t - lag];
    r[lag] /= var;
    best = std::max(best, r[lag]);
  }
  // Multiples of the beat correlate as well: take the shortest lag near the best.
  for (int lag = lo; lag <= hi; ++lag) {
    if (best > 0 && r[lag] >= 0.9 * best) { best_lag = lag; best = r[lag]; break; }
  }
  out[0] = static_cast<float>(kRate / 1024.0 / best_lag);  // beats per second
  out[1] = static_cast<float>(best);
}

}  // namespace

void ClipDescriptors(const dsp::Spectrogram& mag, int first, int count, float* out) {
  count = std::max(1, std::min(count, mag.frames - first));
  const DescriptorBins d = MakeDescriptorBins(mag.bins);
  FrameSeries s(count);
  std::vector<double> power(mag.bins), sorted;
  for (int t = 0; t < count; ++t) AddFrame(mag.row(first + t), t, d, &power, &sorted, &s);
  float* o = out;
  for (int b = 0; b < kDescriptorBands; ++b) {
    MeanStd(s.band[b], &o[b], &o[kDescriptorBands + b]);
    double mod = 0;
    for (int t = 1; t < count; ++t) mod += std::abs(s.band[b][t] - s.band[b][t - 1]);
    o[2 * kDescriptorBands + b] = static_cast<float>(mod / std::max(1, count - 1));
  }
  o += 3 * kDescriptorBands;
  for (int b = 0; b < kContrastBands; ++b) *o++ = static_cast<float>(s.contrast_sum[b] / count);
  for (int p = 0; p < 12; ++p) *o++ = static_cast<float>(s.chroma[p] / count);
  MeanStd(s.centroid, o, o + 1);
  MeanStd(s.flatness, o + 2, o + 3);
  o += 4;
  MeanStd(s.flux, o, o + 1);
  Tempo(s.flux, o[0], o + 2);  // from the stored (float) mean, as the models were trained
  o += 4;
  MeanStd(s.total, o, o + 1);
}

void ClipEmbedding(const dsp::Spectrogram& mag, int first, int count, float* out) {
  const int bins = mag.bins;
  count = std::max(1, std::min(count, mag.frames - first));
  constexpr int kB = kEmbeddingBands;
  std::array<int, kB + 1> edge{};
  for (int b = 0; b <= kB; ++b) {
    edge[b] = HzBin(30.0 * std::pow(22050.0 / 30.0, double(b) / kB), bins);
    if (b > 0) edge[b] = std::max(edge[b], edge[b - 1] + 1);
  }
  // band[b * count + t]: log mean power of band b in frame t.
  std::vector<double> band(static_cast<size_t>(kB) * count), total(count);
  for (int t = 0; t < count; ++t) {
    const float* row = mag.row(first + t);
    double sum = 0;
    for (int b = 0; b < kB; ++b) {
      double e = 0;
      for (int k = edge[b]; k < std::min(edge[b + 1], bins); ++k) e += double(row[k]) * row[k];
      sum += e;
      band[static_cast<size_t>(b) * count + t] = std::log(e / (edge[b + 1] - edge[b]) + kEps);
    }
    total[t] = std::log(sum / bins + kEps);
  }
  const int lag = std::min(count - 1, 22);  // ~0.5 s
  std::vector<double> v;
  for (int b = 0; b < kB; ++b) {
    const double* x = &band[static_cast<size_t>(b) * count];
    v.assign(x, x + count);
    float* o = out + b * kEmbeddingStats;
    MeanStd(v, &o[0], &o[1]);
    std::sort(v.begin(), v.end());
    o[2] = static_cast<float>(v[(count - 1) / 10]);
    o[3] = static_cast<float>(v[(count - 1) / 2]);
    o[4] = static_cast<float>(v[(count - 1) * 9 / 10]);
    double d1 = 0, d2 = 0, rel = 0;
    for (int t = 1; t < count; ++t) d1 += std::abs(x[t] - x[t - 1]);
    for (int t = lag; t < count && lag > 0; ++t) d2 += std::abs(x[t] - x[t - lag]);
    for (int t = 0; t < count; ++t) rel += x[t] - total[t];
    o[5] = static_cast<float>(d1 / std::max(1, count - 1));
    o[6] = static_cast<float>(lag > 0 ? d2 / std::max(1, count - lag) : 0.0);
    o[7] = static_cast<float>(rel / count);
  }
  ClipDescriptors(mag, first, count, out + kEmbeddingStats * kB);
}

}  // namespace ls::classify
