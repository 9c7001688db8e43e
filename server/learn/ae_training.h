#pragma once
/// The autoencoder training loop shared by the training job and the offline
/// evaluator (lightshow-eval-ae): the split by song, batches with time
/// context, epochs of shuffled mini-batches and the PCA baseline on the same
/// training frames. The caller owns the model, optimizer and trainer, so the
/// job can checkpoint and resume them. Thread-safety: one caller per TrainData.

#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "models/pca.h"
#include "learn/song_features.h"
#include "models/train_settings.h"
#include "nn/trainer.h"

namespace ls::learn {

struct Sample {
  int song;
  int frame;
};

struct TrainData {
  std::vector<SongFeatures> songs;
  std::vector<Sample> train, val;
  int train_songs = 0, val_songs = 0;
  std::string note;  ///< set when validation is not held-out music
};

/// Lit frames of the first songs for training, of the last max(1, n/5) songs
/// for validation (by song, never by frame: neighbouring frames are near
/// copies); one song: a time split at 80 %, with a note.
/// INVALID_ARGUMENT (field "songs") when either side ends up empty.
absl::StatusOr<TrainData> SplitBySong(std::vector<SongFeatures> songs);

/// Centre frames of `samples` as columns (dim 513 × n).
Eigen::MatrixXf FramesOf(const TrainData& d, const std::vector<Sample>& samples);

/// Mean per-element reconstruction MSE of the trainer's model on `samples`.
double EvaluateSamples(nn::Trainer& trainer, const TrainData& d, const std::vector<Sample>& samples,
                       int context);

struct EpochHooks {
  std::function<bool()> stop;  ///< polled between batches; true → CANCELLED
  /// After each epoch (1-based), with its mean train loss, validation loss and
  /// seconds; an error stops training with it (e.g. a failed checkpoint).
  std::function<absl::Status(int epoch, double train_loss, double val_loss, double seconds)> after;
  /// Before each step, with LrScale(s.lr_decay, progress) (e.g. ScaledAdam::set_scale).
  std::function<void(double)> lr_scale;
};

/// Epochs [start, s.epochs) over d.train: shuffled per epoch from s.seed,
/// input noise when s.denoise > 0 (the target stays the clean frame).
absl::Status TrainEpochs(nn::Trainer& trainer, const TrainData& d, const models::TrainSettings& s,
                         int start, const EpochHooks& hooks);

}  // namespace ls::learn
