#pragma once
/// Test and demo signals: tones, pulses, chirps, noise, silence and a short
/// tune with melody, bass and drums. Deterministic for a given seed.
/// Thread-safe: pure functions.

#include <cstdint>
#include <vector>

#include "audio/encode.h"
#include "audio/signal.h"

namespace ls::audio {

/// amp · sin(2π f t), mono.
std::vector<float> Tone(double freq_hz, double seconds, int rate, float amp = 0.5f);

/// A tone switched on for `duty` of every `period_s`, starting on; 5 ms
/// raised-cosine edges so the pulses do not click.
std::vector<float> PulsedTone(double freq_hz, double seconds, int rate, double period_s,
                              double duty = 0.5, float amp = 0.5f);

/// Linear sweep from f0 to f1 Hz.
std::vector<float> Chirp(double f0_hz, double f1_hz, double seconds, int rate, float amp = 0.5f);

/// Uniform white noise in [-amp, amp].
std::vector<float> WhiteNoise(double seconds, int rate, float amp, uint32_t seed);

/// All zeros.
std::vector<float> Silence(double seconds, int rate);

/// Copies a mono signal into `channels` identical interleaved channels.
Signal ToChannels(const std::vector<float>& mono, int channels, int rate);

/// The mean of the channels, frame by frame (the inverse of ToChannels).
std::vector<float> ToMono(const Signal& s);

/// A stereo 44.1 kHz tune of `seconds` (clamped to 4..600) at 120 BPM: intro,
/// verse, chorus and outro, with kick, snare, hi-hat, bass, chords, melody
/// and bells spread over the spectrum so every light channel has something
/// to follow. Peak ≈ 0.9. The seed picks the melody.
Signal MakeTune(double seconds = 24.0, uint32_t seed = 1);

}  // namespace ls::audio
