#pragma once
/// Clip classifier inputs. Clips are non-overlapping windows of a song; each
/// architecture sees them its own way:
/// - cnn1d: the waveform decimated by `decimate` (box filter), scaled to unit RMS;
/// - gru: the clip quantised to 16 levels at ~10 kHz (nn::EpynnQuantise), one-hot,
///   as `gru_windows` evenly spaced windows of `gru_steps` steps (clip = mean);
/// - mlp, logreg: mean and standard deviation of each of the 513 spectrogram bins
///   over the clip's frames (the song's own log1p min-max features).
/// Thread-safety: pure functions.

#include <string>
#include <vector>

#include "dsp/stft.h"
#include "nn/tensor.h"

namespace ls::classify {

enum class ClipArch { kCnn1d, kGru, kMlp, kLogreg };
const char* ClipArchName(ClipArch a);
/// false for a name other than cnn1d, gru, mlp, logreg.
bool ParseClipArch(const std::string& name, ClipArch* arch);

struct ClipConfig {
  ClipArch arch = ClipArch::kMlp;
  double clip_s = 65536.0 * 8 / 44100;  ///< 65536 samples after decimating by 8
  int decimate = 8;
  int cnn_channels = 10;
  int gru_steps = 400;
  int gru_windows = 8;
  int gru_hidden = 16;
  int mlp_hidden = 64;
  bool song_minmax = true;  ///< mlp/logreg: per-song min-max (the product's features) or plain log1p
  int bands = 0;  ///< mlp/logreg: pool the 513 bins into this many log-spaced bands (0 = none)
  /// mlp/logreg inputs: kBins (mean/std per bin or band, as above) or
  /// kDescriptors (clip_features.h) or both (kBinsAndDescriptors). Models
  /// saved before this field read as kBins.
  /// kEmbedding: log-band statistics and descriptors (clip_features.h).
  enum Features { kBins = 0, kDescriptors = 1, kBinsAndDescriptors = 2, kEmbedding = 3 };
  int features = kBins;
  /// Training clips start every train_hop × clip (overlapping when < 1: more
  /// clips per song); validation and classification use whole clips.
  double train_hop = 1.0;
  /// Unknown distance also to the nearest training clips (unknown_rule.h).
  /// Off by default: on the corpus it flagged 1 more unseen track in 24, and it
  /// calls songs of a known class in a new key unknown.
  bool unknown_knn = false;
  double unknown_keep = 0.97;   ///< share of validation clips the unknown rule keeps known
  double unknown_margin = 1.25; ///< distance threshold = margin × that quantile
  /// Song-level unknown rule (0 = off: a song is unknown when most clips are):
  /// a song is unknown when the median of its clips' distances exceeds
  /// unknown_margin × the song_keep quantile of the validation songs' medians.
  double unknown_song_keep = 0.0;
  /// Song label from the mean of the clips' log-probabilities (a product of
  /// experts: many confident clips outvote a few unsure ones) instead of the mean.
  bool song_logprob = false;
  int epochs = 30;
  int batch = 32;
  double lr = 1e-3;
  uint64_t seed = 0;
  int threads = 2;
};

/// The served defaults of an architecture (`lsctl train classifier` without
/// options): cnn1d and gru keep the notebook's 11.89 s clips, with the small
/// batches they need; mlp and logreg use the settings measured best on the
/// corpus (docs/classification.md).
ClipConfig DefaultClipConfig(ClipArch arch);

/// Length of the pooled-spectrum vector: mean and std per bin (or band).
int PooledFeatures(const ClipConfig& c);

size_t ClipSamples(const ClipConfig& c);
/// Start samples of the whole clips of an n-sample song, every `hop` samples
/// (0 = clip: non-overlapping).
std::vector<size_t> ClipStarts(size_t n, size_t clip, size_t hop = 0);
/// Network samples (columns) per clip: gru_windows for gru, else 1.
int SamplesPerClip(const ClipConfig& c);
/// Rows of one network sample.
nn::Index InputRows(const ClipConfig& c);

/// Mean and std per bin (or per band of `bands` log-spaced bands) over frames
/// [first, first + count) → out[PooledFeatures()].
void PooledSpectrum(const dsp::Spectrogram& spec, int first, int count, int bands, float* out);

/// Writes the SamplesPerClip() columns of one clip starting at column `col`.
/// `pooled` (PooledFeatures(c), already standardised) is used by mlp/logreg.
void ClipColumns(const ClipConfig& c, const float* clip, const float* pooled, nn::Matrix& x,
                 nn::Index col);

}  // namespace ls::classify
