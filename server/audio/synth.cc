#include "audio/synth.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace ls::audio {
namespace {
constexpr double kTwoPi = 6.283185307179586;

size_t Count(double seconds, int rate) {
  return seconds > 0 && rate > 0 ? static_cast<size_t>(std::llround(seconds * rate)) : 0;
}
}  // namespace

std::vector<float> Tone(double freq_hz, double seconds, int rate, float amp) {
  std::vector<float> out(Count(seconds, rate));
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = amp * static_cast<float>(std::sin(kTwoPi * freq_hz * double(i) / rate));
  }
  return out;
}

std::vector<float> PulsedTone(double freq_hz, double seconds, int rate, double period_s,
                              double duty, float amp) {
  std::vector<float> out = Tone(freq_hz, seconds, rate, amp);
  const double on_s = period_s * duty;
  const double edge = std::min(0.005, on_s / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    double t = std::fmod(double(i) / rate, period_s);
    double g = 0.0;
    if (t < on_s) {
      double d = std::min(t, on_s - t);  // distance to the nearest edge
      g = d >= edge ? 1.0 : 0.5 - 0.5 * std::cos(M_PI * d / edge);
    }
    out[i] *= static_cast<float>(g);
  }
  return out;
}

std::vector<float> Chirp(double f0_hz, double f1_hz, double seconds, int rate, float amp) {
  std::vector<float> out(Count(seconds, rate));
  const double k = seconds > 0 ? (f1_hz - f0_hz) / seconds : 0.0;
  for (size_t i = 0; i < out.size(); ++i) {
    double t = double(i) / rate;
    out[i] = amp * static_cast<float>(std::sin(kTwoPi * (f0_hz * t + 0.5 * k * t * t)));
  }
  return out;
}

std::vector<float> WhiteNoise(double seconds, int rate, float amp, uint32_t seed) {
  std::vector<float> out(Count(seconds, rate));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-amp, amp);
  for (float& s : out) s = u(rng);
  return out;
}

std::vector<float> Silence(double seconds, int rate) {
  return std::vector<float>(Count(seconds, rate), 0.0f);
}

Signal ToChannels(const std::vector<float>& mono, int channels, int rate) {
  Signal s;
  s.channels = std::max(1, channels);
  s.sample_rate = rate;
  s.samples.resize(mono.size() * static_cast<size_t>(s.channels));
  for (size_t i = 0; i < mono.size(); ++i) {
    for (int c = 0; c < s.channels; ++c) s.samples[i * s.channels + c] = mono[i];
  }
  return s;
}

std::vector<float> ToMono(const Signal& s) {
  std::vector<float> m(static_cast<size_t>(s.frames()));
  for (int64_t i = 0; i < s.frames(); ++i) {
    float sum = 0;
    for (int c = 0; c < s.channels; ++c) sum += s.samples[i * s.channels + c];
    m[i] = sum / s.channels;
  }
  return m;
}

}  // namespace ls::audio
