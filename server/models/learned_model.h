#pragma once
/// A trained autoencoder loaded for use: encoder (spectrogram → code),
/// full model (reconstruction), its PCA baseline and settings.
/// Thread-safe: Encode/ReconstructionMse serialise on an internal mutex
/// (Sequential::Predict reuses buffers).

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "dsp/stft.h"
#include "models/pca.h"
#include "models/train_settings.h"
#include "nn/sequential.h"

namespace ls::models {

class LearnedModel {
 public:
  /// Loads DIR/models/<id>.lsnn and <id>.pca; DATA_LOSS / INVALID_ARGUMENT
  /// with the reason when either is damaged.
  static absl::StatusOr<std::unique_ptr<LearnedModel>> Load(const std::string& models_dir,
                                                            const std::string& id);

  const std::string& id() const { return id_; }
  const TrainSettings& settings() const { return settings_; }
  int hop() const { return settings_.hop; }
  int code_size() const { return settings_.bottleneck; }

  /// Code per frame: frames × code_size, row-major.
  std::vector<float> Encode(const dsp::Spectrogram& spec);
  /// Mean squared reconstruction error over frames [0, frames).
  double ReconstructionMse(const dsp::Spectrogram& spec, int frames);
  double PcaMse(const dsp::Spectrogram& spec, int frames) const;

 private:
  LearnedModel() = default;
  std::string id_;
  TrainSettings settings_;
  int context_ = 1;
  int code_offset_ = 0;
  std::mutex mu_;
  nn::Sequential full_;
  nn::Sequential encoder_;
  Pca pca_;
};

/// Paths of a model's files.
std::string ModelPath(const std::string& models_dir, const std::string& id);
std::string PcaPath(const std::string& models_dir, const std::string& id);
/// An end detector's file (classify/end_model_file.h).
std::string EndModelPath(const std::string& models_dir, const std::string& id);

}  // namespace ls::models
