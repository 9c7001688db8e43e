#pragma once
/// Settings of an autoencoder training job, their validation (errors name
/// the field and value) and their text form (kept in the job row and the
/// model's metadata). Pure functions; thread-safe.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace ls::models {

struct TrainSettings {
  std::vector<std::string> song_ids;  ///< resolved full ids (validation: ≥ 1)
  std::string arch = "residual";      ///< "residual", "dense" or "conv"
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

/// INVALID_ARGUMENT naming the field: no songs, epochs 0, bottleneck 0 or
/// > 64, batch 0, sparse < 0, denoise outside [0,1), bad arch/hop/trim_end/hidden.
absl::Status ValidateTrainSettings(const TrainSettings& s);

/// "key=value" lines (songs comma-separated).
std::string SettingsToText(const TrainSettings& s);
absl::StatusOr<TrainSettings> SettingsFromText(const std::string& text);

}  // namespace ls::models
