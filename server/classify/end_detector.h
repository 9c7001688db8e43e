#pragma once
/// End-of-song detectors: per-frame P(end) from a logistic regression, then
/// the end as a suffix (the change point after which frames are mostly end).
///
/// - kReference: the original notebook's model, 513 spectrogram bins plus
///   the fraction of the song elapsed, trained on "last 10 s = end".
/// - kContext: loudness relative to the song's median at several time scales,
///   how loud the rest of the song gets, spectral centroid and flux, elapsed
///   fraction and time left; trained on measured ends (end_labels.h).
///
/// Thread-safety: a trained EndModel is immutable; Detect() is const and
/// reentrant. LearnedEndDetector plugs a model into show::EndDetector
/// (`--trim-end auto`).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "classify/song_frames.h"
#include "nn/logreg.h"
#include "show/dark_end.h"

namespace ls::classify {

enum class EndKind { kReference, kContext };
const char* EndKindName(EndKind k);

struct EndTrainSong {
  const SongFrames* frames = nullptr;
  int end_frame = 0;  ///< first end frame; frames() for "no end"
};

struct EndTrainConfig {
  EndKind kind = EndKind::kContext;
  int frame_stride = 2;  ///< use every n-th frame (neighbours are near-duplicates)
  double C = 1.0;        ///< inverse L2 strength
};

struct EndModel {
  EndKind kind = EndKind::kContext;
  Eigen::VectorXd mean, scale;  ///< feature standardisation
  nn::LogisticRegression logreg;
  double min_end_s = 0.5;       ///< shorter suffixes count as "no end"
};

struct EndResult {
  std::vector<float> prob;  ///< P(end) per frame
  int end_frame = 0;        ///< change point; frames when there is no end
  bool has_end = false;
  double end_s = 0.0;       ///< start of the end in seconds (song length if none)
};

/// Rows of EndFeatures() for a kind.
int EndFeatureCount(EndKind kind);

/// Feature matrix (features × frames) of one song for a detector kind.
Eigen::MatrixXd EndFeatures(EndKind kind, const SongFrames& f);

/// INVALID_ARGUMENT when there are no songs, an end frame is out of range,
/// or all sampled frames have the same label.
absl::StatusOr<EndModel> TrainEndDetector(const std::vector<EndTrainSong>& songs,
                                          const EndTrainConfig& config);

/// Per-frame probabilities and the best suffix.
EndResult DetectEnd(const EndModel& model, const SongFrames& f);

/// The end as a suffix: the k maximising sum_{i>=k} (p_i - 0.5); none (=
/// frames) when no suffix of at least `min_frames` has a positive sum.
int BestSuffix(const std::vector<float>& prob, int min_frames);

/// show::EndDetector over a trained model (hop 1024 analysis; the result is
/// converted to the caller's hop).
class LearnedEndDetector : public show::EndDetector {
 public:
  explicit LearnedEndDetector(EndModel model) : model_(std::move(model)) {}
  int DarkStart(const float* samples, size_t n, int hop, int frames) const override;

 private:
  EndModel model_;
};

}  // namespace ls::classify
