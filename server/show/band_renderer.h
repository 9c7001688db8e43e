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
  /// Band levels more than this many dB below the song's loudest band level
  /// are clamped to that floor: window leakage from a loud band and noise
  /// floors then look constant and stay dark.
  double range_db = 45.0;
  /// σ floor as a fraction of the song's overall band-level range (dB, at
  /// most range_db, so 0.08 → ≤ 3.6 dB): bands that barely move (a steady
  /// tone, hum, the wide upper bands of steady noise) stay dark, while music
  /// (band σ typically 4–15 dB) keeps its own σ.
  double sigma_floor = 0.08;
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

/// Band level per frame in dB: frames × 8 (row-major), 10·log10 of the summed
/// power of the band's bins, clamped below at (song maximum − range_db).
/// Summed power (not mean) keeps music's bands comparable: equal power per
/// octave is what most music has. All zeros for a silent spectrogram.
std::vector<float> BandLevels(const dsp::Spectrogram& spec, const BandConfig& cfg);

/// One mask per frame (bit i = channel i on; channel 0 = lowest band).
/// Thresholds come from each band's own mean and σ of its BandLevels over the
/// song, with σ floored at sigma_floor × the song's overall level range; a
/// band with σ ≈ 0 (silence, constant tone, leakage) stays dark, and a silent
/// song is all dark. Works on magnitude or log features (made for magnitudes).
/// INVALID_ARGUMENT for a bad config or an inconsistent spectrogram.
absl::StatusOr<std::vector<uint8_t>> RenderBands(const dsp::Spectrogram& spec,
                                                 const BandConfig& cfg = {});

}  // namespace ls::show
