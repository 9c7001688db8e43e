#pragma once
/// The default autoencoder trained offline exactly as the training job
/// trains it (models/ae_training: split by song, PCA start, epochs, cosine
/// decay), plus its reconstruction error on held-out songs beside PCA-8's.
/// Thread-safety: one caller per TrainedModel (Encode reuses buffers).

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "dsp/stft.h"
#include "learn/song_features.h"
#include "models/train_settings.h"
#include "nn/sequential.h"

namespace ls::judge {

struct TrainedModel {
  nn::Sequential encoder;
  std::string arch;
  int code_size = 0;
  double heldout_mse = 0;      ///< lit frames of the graded songs
  double pca_heldout_mse = 0;  ///< PCA with k = code size, fitted on the training frames
  double train_seconds = 0;
  /// frames × code_size, row-major: the code of every frame of `spec`.
  std::vector<float> Encode(const dsp::Spectrogram& spec);
};

/// `train`: the training tracks (their last fifth is the job's own
/// validation); `heldout`: the graded songs, never trained on. `progress`
/// gets one line per epoch. Errors from the settings or the training code.
absl::StatusOr<TrainedModel> TrainDefaultModel(std::vector<learn::SongFeatures> train,
                                               const std::vector<learn::SongFeatures>& heldout,
                                               const models::TrainSettings& s, int threads,
                                               const std::function<void(const std::string&)>& progress);

}  // namespace ls::judge
