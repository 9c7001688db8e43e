#pragma once
/// Settings of an autoencoder training job, their validation (errors name
/// the field and value) and their text form (kept in the job row and the
/// model's metadata). Pure functions; thread-safe.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ls::models {

struct TrainSettings {
  std::vector<std::string> song_ids;  ///< resolved full ids (validation: ≥ 1)
  std::string arch = "residual";      ///< "residual", "dense", "conv" or "context"
  int bottleneck = 8;
  std::vector<int> hidden = {256, 64};
  int epochs = 20;
  int batch = 256;
  double sparse_l1 = 0;
  double denoise = 0;
  int hop = 1024;
  std::string trim_end = "auto";      ///< "auto", "none" or seconds
  uint64_t seed = 1;
  /// Learning-rate decay over the run: "cosine" or "none" (settings stored
  /// before it existed read as "none", so their resumed jobs keep their updates).
  std::string lr_decay = "cosine";
};

/// Frames of time context the conv architecture sees (centre ± 2).
inline constexpr int kConvContext = 5;

/// Bounds on the network one request may ask for: each hidden size is 1..4096,
/// and without these a list of many layers could still exhaust memory.
inline constexpr size_t kMaxHiddenLayers = 8;
inline constexpr int64_t kMaxParameters = 16'000'000;  ///< 64 MB of weights, ×4 with Adam

/// Weights and biases of the dense encoder and mirrored decoder the settings
/// describe (conv front ends have fewer; this is the bound that is checked).
int64_t EstimateParameters(const TrainSettings& s);

/// INVALID_ARGUMENT naming the field: no songs, epochs 0, bottleneck 0 or
/// > 64, batch 0, sparse < 0, denoise outside [0,1), bad arch/hop/trim_end/hidden,
/// more than kMaxHiddenLayers hidden layers or kMaxParameters parameters.
absl::Status ValidateTrainSettings(const TrainSettings& s);

/// The settings as a lightshow.v1.TrainSettings in protobuf text format (kept
/// in the job row and the model's metadata). FromText also reads the
/// "key=value" lines stored before, where a missing lr_decay means "none".
std::string SettingsToText(const TrainSettings& s);
absl::StatusOr<TrainSettings> SettingsFromText(const std::string& text);

}  // namespace ls::models
