#pragma once
/// The small stereo mixer and instruments behind the demo songs (MakeTune,
/// MakeCarol): notes with a few harmonics, a pitch-swept kick, a noise snare
/// and a high-passed-noise hi-hat, added straight into two float buffers.
/// Internal to the audio module. Thread-compatible: one Mix per thread.

#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace ls::audio::internal {

inline constexpr int kMixRate = 44100;
inline constexpr double kTwoPi = 6.283185307179586;

/// Equal-tempered frequency of a MIDI note (69 = A4 = 440 Hz).
inline double Hz(int midi) { return 440.0 * std::pow(2.0, (midi - 69) / 12.0); }

struct Mix {
  std::vector<float> l, r;
  std::mt19937 rng;

  /// Adds `gen(t)` (t = seconds since start) for `dur` seconds at `start`;
  /// pan -1 = left only, +1 = right only.
  void Add(double start, double dur, float pan, const std::function<float(double)>& gen);
  /// A note with 10 ms attack, exponential decay and a 20 ms release.
  void Note(double start, double dur, int midi, float amp, float pan, double decay);
  /// A 45 Hz kick with a downward pitch sweep; `amp` 0.9 is full level.
  void Kick(double start, double amp = 0.9);
  /// Noise plus a 180 Hz body, 50 ms decay; `amp` 1 is full level.
  void Snare(double start, double amp = 1.0);
  /// Second-differenced noise (energy above ~6 kHz).
  void HiHat(double start, double decay, float amp);
};

}  // namespace ls::audio::internal
