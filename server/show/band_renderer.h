#pragma once
/// The renderer that needs no training: log-spaced frequency bands → 8 channels,
/// the LightShow Pi way. Pure functions; thread-safe.

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "dsp/stft.h"

namespace ls::show {

inline constexpr int kChannels = 8;

struct BandConfig {
  double low_hz = 20.0;
  double high_hz = 15000.0;
  int sample_rate = 44100;
  double on_sigma = 0.5;    ///< channel turns on above mean + on_sigma·σ of its band
  double off_sigma = 0.0;   ///< and off below mean + off_sigma·σ (hysteresis)
  int min_dwell_frames = 2; ///< a state is held at least this many frames
  /// σ floor as a fraction of the song's overall band-energy range (log1p
  /// domain): bands that barely move (steady tone, steady noise) stay dark.
  double sigma_floor = 0.04;
};

/// FFT bins [first, end) that make up one band.
struct BinRange {
  int first = 0;
  int end = 0;
};

/// The 8 log-spaced bands as bin ranges for a spectrogram with `bins` bins
/// (bin k centre = k·sample_rate/(2·(bins-1))). Every band owns at least one
/// bin of its own, even where log spacing is narrower than a bin; DC is skipped.
std::vector<BinRange> BandBins(const BandConfig& cfg, int bins = dsp::kBins);

/// Validates a config (pure check, names the bad field).
absl::Status ValidateBandConfig(const BandConfig& cfg);

/// Band energy per frame: frames × 8 (row-major), mean of the spectrogram bins
/// whose centre frequency falls in each log-spaced band between low and high.
std::vector<float> BandEnergies(const dsp::Spectrogram& spec, const BandConfig& cfg);

/// One mask per frame (bit i = channel i on; channel 0 = lowest band).
/// Band energies are log1p-compressed, then thresholds come from each band's
/// own mean and σ over the song, with σ floored at sigma_floor × the song's
/// overall band-energy range; a band with σ ≈ 0 (silence, constant tone)
/// stays dark, and a silent song is all dark. Works on magnitude or log
/// features. INVALID_ARGUMENT for a bad config or an inconsistent spectrogram.
absl::StatusOr<std::vector<uint8_t>> RenderBands(const dsp::Spectrogram& spec,
                                                 const BandConfig& cfg = {});

}  // namespace ls::show
