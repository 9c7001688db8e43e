#pragma once
/// Author / genre clip classifiers (cnn1d, gru, mlp, logreg; clip_inputs.h),
/// trained with class-weighted softmax cross-entropy and Adam, with an
/// "unknown" rule calibrated on the validation songs. Songs are split by the
/// caller (split.h): training and validation must not share a song.
///
/// Thread-safety: a trained ClipModel is immutable; ClassifySong() is
/// reentrant (own Predictor per call). Training uses config.threads workers.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "classify/clip_inputs.h"
#include "classify/metrics.h"
#include "classify/unknown_rule.h"
#include "nn/optimizer.h"
#include "nn/sequential.h"

namespace ls::classify {

struct ClipSong {
  std::string id;                        ///< song id (the split key)
  const std::vector<float>* samples = nullptr;  ///< mono 44.1 kHz
  int label = 0;
};

struct ClipModel {
  ClipConfig config;
  std::vector<std::string> labels;
  nn::Sequential net;                    ///< outputs logits
  Eigen::VectorXf pooled_mean, pooled_scale;  ///< standardisation of pooled features
  UnknownRule unknown;
};

struct TrainReport {
  int train_clips = 0, validation_clips = 0;
  std::vector<double> epoch_loss;
  double seconds = 0.0;
  std::vector<double> class_weights;
  ClassReport clip, song;  ///< on validation songs (unknown rule applied)
  ClassReport clip_closed, song_closed;  ///< same, without the unknown rule
};

/// INVALID_ARGUMENT when there are fewer than 2 labels, a label has no
/// training clip, a song is shorter than one clip, a song is on both sides,
/// or the architecture does not fit the clip length.
/// `on_epoch(epoch, loss)` (optional) is called after each epoch; returning
/// false stops training with CANCELLED.
using EpochHook = std::function<bool(int epoch, double loss)>;
/// Optional per-epoch checkpointing (the training job's): `restore` runs once
/// the network is built and returns the epochs already done, their weights and
/// optimizer moments put back into net and adam (0 = from scratch); `save`
/// runs after each epoch, before `on_epoch` (an error stops training with it).
struct ClipCheckpointHooks {
  std::function<int(nn::Sequential& net, nn::Adam& adam)> restore;
  std::function<absl::Status(int epoch, const nn::Sequential& net, const nn::Adam& adam)> save;
};
absl::StatusOr<ClipModel> TrainClipClassifier(const std::vector<ClipSong>& train,
                                              const std::vector<ClipSong>& validation,
                                              const std::vector<std::string>& labels,
                                              const ClipConfig& config, TrainReport* report,
                                              const EpochHook& on_epoch = nullptr,
                                              const ClipCheckpointHooks& checkpoint = {});

/// INVALID_ARGUMENT when the architecture does not fit the clip length
/// (cnn1d's four poolings need long clips).
absl::Status CheckClipConfig(const ClipConfig& config, int classes);

struct SongPrediction {
  std::vector<double> clip_start_s;
  std::vector<std::vector<float>> clip_probs;  ///< per clip, per class
  std::vector<int> clip_label;                 ///< class or kUnknown
  std::vector<float> clip_distance;            ///< to the nearest class centroid
  std::vector<float> probs;                    ///< mean of the clips' probabilities
  int label = kUnknown;  ///< argmax of probs; kUnknown when most clips are unknown
};

/// INVALID_ARGUMENT when the song is shorter than one clip.
absl::StatusOr<SongPrediction> ClassifySong(const ClipModel& model, const std::vector<float>& samples);

}  // namespace ls::classify
