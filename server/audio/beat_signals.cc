#include "audio/beat_signals.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace ls::audio {

std::vector<float> ClickTrack(const std::vector<TempoSpan>& spans, int rate, float amp,
                              std::vector<double>* beats) {
  double total = 0;
  for (const auto& s : spans) total += s.seconds;
  std::vector<float> x(static_cast<size_t>(total * rate), 0.f);
  const int click = static_cast<int>(0.03 * rate);
  double t0 = 0;
  for (const auto& s : spans) {
    const double period = 60.0 / s.bpm;
    for (double t = t0; t < t0 + s.seconds - 1e-9; t += period) {
      if (beats) beats->push_back(t);
      const size_t start = static_cast<size_t>(std::lround(t * rate));
      for (int i = 0; i < click && start + i < x.size(); ++i) {
        const double u = double(i) / rate;
        const double env = std::exp(-u / 0.008);
        x[start + i] += static_cast<float>(
            amp * env * (0.6 * std::sin(2 * M_PI * 1500 * u) + 0.4 * std::sin(2 * M_PI * 60 * u)));
      }
    }
    t0 += s.seconds;
  }
  return x;
}

std::vector<float> PinkNoise(double seconds, int rate, float amp, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.f, 1.f);
  std::vector<float> x(static_cast<size_t>(std::max(0.0, seconds) * rate));
  float b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  float peak = 1e-9f;
  for (float& v : x) {
    const float w = u(rng);
    b0 = 0.99886f * b0 + w * 0.0555179f;
    b1 = 0.99332f * b1 + w * 0.0750759f;
    b2 = 0.96900f * b2 + w * 0.1538520f;
    b3 = 0.86650f * b3 + w * 0.3104856f;
    b4 = 0.55000f * b4 + w * 0.5329522f;
    b5 = -0.7616f * b5 - w * 0.0168980f;
    v = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362f;
    b6 = w * 0.115926f;
    peak = std::max(peak, std::abs(v));
  }
  for (float& v : x) v *= amp / peak;
  return x;
}

void DbRamp(std::vector<float>& x, double from_db, double to_db) {
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) {
    const double db = from_db + (to_db - from_db) * (n > 1 ? double(i) / (n - 1) : 0.0);
    x[i] *= static_cast<float>(std::pow(10.0, db / 20.0));
  }
}

}  // namespace ls::audio
