#pragma once
/// "Unknown" rule for clip classifiers: a clip is unknown when it is far from
/// every trained class in the pooled-spectrum space (RMS z-score distance to
/// the nearest class centroid) or when the classifier is unsure (top
/// probability low). Both thresholds are calibrated on validation clips of
/// the known classes. Thread-safety: immutable after calibration.

#include <vector>

#include <Eigen/Core>

namespace ls::classify {

/// Training clips kept as kNN references for the distance (enough to cover
/// every song of a corpus-sized manifest, small enough for the model file).
inline constexpr int kMaxUnknownRefs = 600;
inline constexpr int kUnknownNeighbours = 3;

struct UnknownRule {
  Eigen::MatrixXf centroids;   ///< standardised pooled features × classes
  /// Standardised training clips (features × clips). When present, a clip
  /// near its kUnknownNeighbours nearest training clips is known even if far
  /// from every centroid: classes with several styles are not one blob.
  Eigen::MatrixXf refs;
  float max_distance = 1e30f;  ///< larger distances are unknown
  float min_prob = 0.0f;       ///< lower top probabilities are unknown
  /// Song rule: a song whose median clip distance is larger is unknown
  /// (1e30 = off, the song follows its clips' majority).
  float song_max_distance = 1e30f;

  /// RMS distance of one standardised feature vector to the nearest centroid
  /// or (smaller of the two) the mean to its nearest training clips (refs).
  float Distance(const float* z) const;
  bool IsUnknown(float distance, float top_prob) const {
    return distance > max_distance || top_prob < min_prob;
  }
};

/// Centroids from standardised features (rows = features, one column per
/// clip) and class labels.
UnknownRule FitCentroids(const Eigen::MatrixXf& z, const std::vector<int>& labels, int classes);

/// At most `n` columns of `z`, evenly spaced.
Eigen::MatrixXf SubsampleColumns(const Eigen::MatrixXf& z, int n);

/// Sets the thresholds so that about `keep` of the calibration clips of known
/// classes stay known: max_distance = margin × keep-quantile of their
/// distances; min_prob = (1 - keep)-quantile of their top probabilities.
void Calibrate(UnknownRule& rule, std::vector<float> distances, std::vector<float> top_probs,
               double keep = 0.97, double margin = 1.25);

/// Median of a song's clip distances (the song rule's statistic).
float SongDistance(std::vector<float> clip_distances);

/// song_max_distance = margin × keep-quantile of the calibration songs' SongDistance.
void CalibrateSongs(UnknownRule& rule, std::vector<float> song_distances, double keep,
                    double margin);

}  // namespace ls::classify
