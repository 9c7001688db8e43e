#include "learn/song_features.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "audio/decode.h"
#include "classify/end_detector.h"
#include "classify/end_model_file.h"
#include "common/files.h"
#include "common/status_macros.h"
#include "models/learned_model.h"
#include "models/model_store.h"

namespace ls::learn {

absl::StatusOr<std::unique_ptr<show::EndDetector>> MakeEndDetector(const std::string& trim_end) {
  if (trim_end == "auto" || trim_end.empty()) return std::make_unique<show::EnergyEndDetector>();
  if (trim_end == "none") return std::unique_ptr<show::EndDetector>();
  double s = 0;
  if (!absl::SimpleAtod(trim_end, &s) || s < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("trim_end: must be auto, none or seconds >= 0, got '", trim_end, "'"));
  }
  return std::make_unique<show::FixedEndDetector>(s);
}

absl::StatusOr<std::unique_ptr<show::EndDetector>> MakeEndDetector(const std::string& trim_end,
                                                                   models::ModelStore* models,
                                                                   const std::string& models_dir,
                                                                   std::string* used) {
  if (used) used->clear();
  if ((trim_end == "auto" || trim_end.empty()) && models) {
    auto newest = models->Newest(models::kKindEndDetector);
    if (newest.ok() && *newest) {
      auto bytes = ReadFile(models::EndModelPath(models_dir, (*newest)->id));
      if (bytes.ok()) {
        auto m = classify::ParseEndModel(*bytes);
        if (m.ok()) {
          if (used) *used = (*newest)->id;
          return std::unique_ptr<show::EndDetector>(new classify::LearnedEndDetector(std::move(*m)));
        }
      }
    }
    // A missing or damaged end model: the energy rule still trims the end.
  }
  return MakeEndDetector(trim_end);
}

absl::StatusOr<SongFeatures> FeaturesFromBytes(const std::string& bytes, int hop,
                                               const show::EndDetector* end) {
  LS_ASSIGN_OR_RETURN(audio::Audio a, audio::DecodeMemory(bytes, dsp::kFrameSize));
  SongFeatures f;
  LS_ASSIGN_OR_RETURN(f.spec, dsp::SharedStft().Features(a.samples.data(), a.samples.size(), hop));
  const int frames = f.spec.frames;
  f.dark_start = end ? end->DarkStart(a.samples.data(), a.samples.size(), hop, frames) : frames;
  f.loudness_db = show::FrameLoudnessDb(a.samples.data(), a.samples.size(), hop, frames);
  f.frame_period_s = static_cast<double>(hop) / a.sample_rate;
  return f;
}

absl::StatusOr<SongFeatures> LoadSongFeatures(const catalog::BlobStore& blobs,
                                              const std::string& song_id, int hop,
                                              const show::EndDetector* end) {
  LS_ASSIGN_OR_RETURN(std::string bytes, blobs.Get("songs", song_id));
  auto f = FeaturesFromBytes(bytes, hop, end);
  if (!f.ok()) {
    return absl::Status(f.status().code(), absl::StrCat("song ", song_id, ": ", f.status().message()));
  }
  f->song_id = song_id;
  return f;
}

}  // namespace ls::learn
