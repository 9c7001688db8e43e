#pragma once
/// Clip descriptors for mlp/logreg (ClipConfig::features = kDescriptors),
/// computed from a song's linear magnitude spectrogram (hop 1024): what tells
/// soundtracks apart is timbre, dynamics, harmony and rhythm, which a mean per
/// bin blurs. Per clip:
/// - 32 log-spaced band log-energies (40 Hz – 16 kHz): mean, std and temporal
///   modulation (mean |Δ| between frames);
/// - spectral contrast (peak − valley log power) in 6 octave bands;
/// - chroma (12 pitch classes, each frame normalised), mean;
/// - spectral centroid and flatness: mean and std;
/// - onset strength (positive band flux): mean, std, and the strongest
///   autocorrelation lag in 0.25–2 s with its strength (tempo);
/// - total log-energy: mean and std.
/// Thread-safety: pure function.

#include "dsp/stft.h"

namespace ls::classify {

inline constexpr int kDescriptorBands = 32;
inline constexpr int kContrastBands = 6;
inline constexpr int kDescriptorDims = 3 * kDescriptorBands + kContrastBands + 12 + 4 + 4 + 2;

/// Descriptors of frames [first, first + count) of `mag` → out[kDescriptorDims].
void ClipDescriptors(const dsp::Spectrogram& mag, int first, int count, float* out);

/// Clip embedding (ClipConfig::kEmbedding): the distribution of a clip's
/// log-band energies, not only their mean, so a soundtrack's dynamics and
/// texture count as much as its average timbre. Per band of kEmbeddingBands
/// log-spaced bands (30 Hz – 22 kHz: the top bands carry each soundtrack's
/// encoder low-pass and mastering): mean, std, 10th / 50th / 90th
/// percentile, mean |Δ| between frames, mean |Δ| over 0.5 s, and the mean
/// relative to the frame's total (spectral shape, independent of level);
/// then the descriptors above.
inline constexpr int kEmbeddingBands = 40;
inline constexpr int kEmbeddingStats = 8;
inline constexpr int kEmbeddingDims = kEmbeddingStats * kEmbeddingBands + kDescriptorDims;

/// Embedding of frames [first, first + count) of `mag` → out[kEmbeddingDims].
void ClipEmbedding(const dsp::Spectrogram& mag, int first, int count, float* out);

}  // namespace ls::classify
