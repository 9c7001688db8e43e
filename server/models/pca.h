#pragma once
/// PCA baseline: the best linear k-dimensional code of spectrogram frames,
/// the bar a nonlinear autoencoder must clear. Fitted by an eigen-
/// decomposition of the covariance (Eigen SelfAdjointEigenSolver, double).
/// Immutable once fitted; thread-safe.

#include <string>

#include <Eigen/Core>

#include "absl/status/statusor.h"

namespace ls::models {

struct Pca {
  Eigen::VectorXf mean;     ///< dim
  Eigen::MatrixXf basis;    ///< dim × k, orthonormal columns, largest variance first

  /// Fits k components on the columns of `x` (dim × n). INVALID_ARGUMENT
  /// when k is 0, exceeds dim, or there are no samples.
  static absl::StatusOr<Pca> Fit(const Eigen::Ref<const Eigen::MatrixXf>& x, int k);

  /// Mean squared error (over every element) of projecting the columns of x
  /// onto the basis and back.
  double ReconstructionMse(const Eigen::Ref<const Eigen::MatrixXf>& x) const;

  /// "LSPC" | uint32 dim | uint32 k | mean | basis (floats, column-major).
  std::string Serialize() const;
  static absl::StatusOr<Pca> Parse(const std::string& bytes);
};

}  // namespace ls::models
