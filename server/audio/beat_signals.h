#pragma once
/// Test signals for beat and loudness analysis: click tracks with known beat
/// times, pink noise (no beat), a crescendo. Deterministic; thread-safe.

#include <cstdint>
#include <vector>

namespace ls::audio {

/// One tempo segment of a click track.
struct TempoSpan {
  double bpm = 120;
  double seconds = 10;
};

/// Clicks (a 30 ms 1.5 kHz burst over a 60 Hz thump, peak ≈ amp) on every
/// beat of the spans, back to beats. `beat_times_s` (optional) gets the
/// exact beat times.
std::vector<float> ClickTrack(const std::vector<TempoSpan>& spans, int rate, float amp = 0.6f,
                              std::vector<double>* beat_times_s = nullptr);

/// Pink noise (Paul Kellet's filter over white noise), peak ≈ amp.
std::vector<float> PinkNoise(double seconds, int rate, float amp, uint32_t seed);

/// Multiplies x by a gain rising linearly in dB from `from_db` to `to_db`.
void DbRamp(std::vector<float>& x, double from_db, double to_db);

}  // namespace ls::audio
