#include "audio/mix.h"

#include <algorithm>

namespace ls::audio::internal {

void Mix::Add(double start, double dur, float pan, const std::function<float(double)>& gen) {
  size_t a = static_cast<size_t>(std::max(0.0, start) * kMixRate);
  size_t b = std::min(l.size(), static_cast<size_t>((start + dur) * kMixRate));
  const float gl = 1.0f - std::max(0.0f, pan), gr = 1.0f + std::min(0.0f, pan);
  for (size_t i = a; i < b; ++i) {
    float v = gen(double(i - a) / kMixRate);
    l[i] += gl * v;
    r[i] += gr * v;
  }
}

void Mix::Note(double start, double dur, int midi, float amp, float pan, double decay) {
  const double f = Hz(midi);
  Add(start, dur, pan, [=](double t) {
    double env = std::min(1.0, t / 0.01) * std::exp(-t / decay) *
                 std::min(1.0, (dur - t) / 0.02);  // click-free release
    double w = kTwoPi * f * t;
    return float(amp * env * (std::sin(w) + 0.3 * std::sin(2 * w) + 0.12 * std::sin(3 * w)));
  });
}

void Mix::Kick(double start, double amp) {
  Add(start, 0.35, 0.0f, [amp](double t) {
    double phase = kTwoPi * (45.0 * t + 75.0 * 0.04 * (1.0 - std::exp(-t / 0.04)));
    return float(amp * std::exp(-t / 0.12) * std::sin(phase));
  });
}

void Mix::Snare(double start, double amp) {
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> noise(static_cast<size_t>(0.2 * kMixRate));
  for (float& s : noise) s = u(rng);
  Add(start, 0.2, 0.1f, [noise, amp](double t) {
    size_t i = std::min(noise.size() - 1, static_cast<size_t>(t * kMixRate));
    return float(amp * std::exp(-t / 0.05) * (0.35 * noise[i] + 0.4 * std::sin(kTwoPi * 180.0 * t)));
  });
}

void Mix::HiHat(double start, double decay, float amp) {
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> hp(static_cast<size_t>(6 * decay * kMixRate) + 2);
  float prev = 0.0f, prev2 = 0.0f;
  for (float& s : hp) {  // second difference of white noise: energy above ~6 kHz
    float x = u(rng);
    s = x - 2 * prev + prev2;
    prev2 = prev;
    prev = x;
  }
  Add(start, 6 * decay, -0.3f, [hp, decay, amp](double t) {
    size_t i = std::min(hp.size() - 1, static_cast<size_t>(t * kMixRate));
    return float(amp * std::exp(-t / decay) * hp[i]);
  });
}

}  // namespace ls::audio::internal
