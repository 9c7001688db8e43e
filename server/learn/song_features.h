#pragma once
/// A stored song's spectrogram features at a hop, with the start of its dark
/// end and its per-frame loudness. Thread-safe (pure; the blob store is).

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "catalog/blob_store.h"
#include "dsp/stft.h"
#include "show/dark_end.h"

namespace ls::models { class ModelStore; }

namespace ls::learn {

struct SongFeatures {
  std::string song_id;
  dsp::Spectrogram spec;          ///< frames × 513, log1p + min-max
  int dark_start = 0;             ///< first dark frame (= frames when none)
  std::vector<float> loudness_db; ///< per frame RMS dB
  double frame_period_s = 0;
};

/// The end detector for a --trim-end value: "auto" (energy rule), "none"
/// (null: no dark end) or seconds. INVALID_ARGUMENT otherwise.
absl::StatusOr<std::unique_ptr<show::EndDetector>> MakeEndDetector(const std::string& trim_end);

/// Same, but "auto" uses the newest end-detector model in `models` (files in
/// `models_dir`) when there is one that loads, and the energy rule
/// otherwise. `used` (optional) gets the model id, or "" for the energy rule.
absl::StatusOr<std::unique_ptr<show::EndDetector>> MakeEndDetector(const std::string& trim_end,
                                                                   models::ModelStore* models,
                                                                   const std::string& models_dir,
                                                                   std::string* used);

/// Decodes an audio buffer and computes its features.
absl::StatusOr<SongFeatures> FeaturesFromBytes(const std::string& bytes, int hop,
                                               const show::EndDetector* end);

/// Reads blob songs/<id> and computes its features.
absl::StatusOr<SongFeatures> LoadSongFeatures(const catalog::BlobStore& blobs,
                                              const std::string& song_id, int hop,
                                              const show::EndDetector* end);

}  // namespace ls::learn
