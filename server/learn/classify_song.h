#pragma once
/// Classifying one stored song: the question and the answer in the domain's
/// own types (api/learn_convert builds the wire reply from them).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "classify/clip_classifier.h"
#include "classify/end_detector.h"

namespace ls::learn {

struct ClassifyQuery {
  std::string model_id;  ///< a model id, "end" or "classifier" (the newest of that kind)
  std::string song_id;   ///< a stored song (full id or unique prefix)
  /// Only check the model before a local file is uploaded; `local_duration_s`
  /// (when > 0) must cover one clip of a clip model.
  bool validate_only = false;
  double local_duration_s = 0;
};

struct ClassifyOutcome {
  std::string song_id, model_id, model_kind;
  double duration_s = 0;
  double seconds = 0;                        ///< server time to classify
  std::vector<std::string> labels;           ///< a clip model's classes
  std::optional<classify::SongPrediction> clip;
  std::optional<classify::EndResult> end;    ///< end_s = duration when there is no end
  double frame_period_s = 0;                 ///< of end->prob
};

/// A classification model, loaded once and shared.
struct LoadedClassifier {
  std::shared_ptr<const classify::ClipModel> clip;
  std::shared_ptr<const classify::EndModel> end;
};

}  // namespace ls::learn
