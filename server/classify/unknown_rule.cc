#include "classify/unknown_rule.h"

#include <algorithm>
#include <cmath>

namespace ls::classify {
namespace {
float Quantile(std::vector<float> v, double q) {
  if (v.empty()) return 0.0f;
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(q * (v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + k, v.end());
  return v[k];
}
}  // namespace

float UnknownRule::Distance(const float* z) const {
  const Eigen::Index d = centroids.rows();
  Eigen::Map<const Eigen::VectorXf> v(z, d);
  float best = 1e30f;
  for (Eigen::Index c = 0; c < centroids.cols(); ++c) {
    best = std::min(best, (centroids.col(c) - v).squaredNorm());
  }
  best = std::sqrt(best / std::max<Eigen::Index>(d, 1));
  if (refs.cols() > 0 && refs.rows() == d) {
    std::vector<float> d2(refs.cols());
    for (Eigen::Index j = 0; j < refs.cols(); ++j) d2[j] = (refs.col(j) - v).squaredNorm();
    const size_t n = std::min<size_t>(kUnknownNeighbours, d2.size());
    std::partial_sort(d2.begin(), d2.begin() + n, d2.end());
    double sum = 0;
    for (size_t j = 0; j < n; ++j) sum += std::sqrt(d2[j] / std::max<Eigen::Index>(d, 1));
    best = std::min(best, static_cast<float>(sum / n));
  }
  return best;
}

UnknownRule FitCentroids(const Eigen::MatrixXf& z, const std::vector<int>& labels, int classes) {
  UnknownRule rule;
  rule.centroids = Eigen::MatrixXf::Zero(z.rows(), classes);
  std::vector<int> count(classes, 0);
  for (Eigen::Index i = 0; i < z.cols(); ++i) {
    rule.centroids.col(labels[i]) += z.col(i);
    ++count[labels[i]];
  }
  for (int c = 0; c < classes; ++c) {
    if (count[c] > 0) rule.centroids.col(c) /= static_cast<float>(count[c]);
  }
  return rule;
}

Eigen::MatrixXf SubsampleColumns(const Eigen::MatrixXf& z, int n) {
  if (z.cols() <= n) return z;
  Eigen::MatrixXf out(z.rows(), n);
  for (int j = 0; j < n; ++j) out.col(j) = z.col(static_cast<Eigen::Index>(j) * z.cols() / n);
  return out;
}

void Calibrate(UnknownRule& rule, std::vector<float> distances, std::vector<float> top_probs,
               double keep, double margin) {
  if (distances.empty()) return;  // nothing to calibrate on: never unknown
  rule.max_distance = static_cast<float>(margin * Quantile(std::move(distances), keep));
  rule.min_prob = Quantile(std::move(top_probs), 1.0 - keep);
}

float SongDistance(std::vector<float> clip_distances) { return Quantile(std::move(clip_distances), 0.5); }

void CalibrateSongs(UnknownRule& rule, std::vector<float> song_distances, double keep,
                    double margin) {
  if (song_distances.empty()) return;
  rule.song_max_distance = static_cast<float>(margin * Quantile(std::move(song_distances), keep));
}

}  // namespace ls::classify
