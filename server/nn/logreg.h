#pragma once
/// Binary logistic regression with L2 regularisation, solved by L-BFGS — the
/// same problem as scikit-learn's LogisticRegression(C, solver="lbfgs"):
///   minimise  mean_i log(1 + exp(-s_i (w.x_i + b))) + ||w||^2 / (2 C n),
/// s_i = +-1, intercept not penalised, stop when max |gradient| <= tol.
/// Samples are columns (features × n), as everywhere in ls::nn.
/// Thread-safety: the fitted model is immutable; its methods are const.

#include <vector>

#include "absl/status/statusor.h"
#include "nn/tensor.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

struct LogRegConfig {
  double C = 1.0;        ///< inverse L2 strength (sklearn's C)
  int max_iter = 1000;   ///< L-BFGS iterations
  double tol = 1e-4;     ///< on the max-norm of the gradient (sklearn/scipy gtol)
  int history = 10;      ///< L-BFGS memory (scipy's default m)
};

struct LogisticRegression {
  Eigen::VectorXd coef;     ///< one weight per feature
  double intercept = 0.0;
  int n_iter = 0;
  bool converged = false;
  double objective = 0.0;   ///< final value of the minimised function

  /// P(label 1) for every column of x.
  Eigen::VectorXd PredictProba(const ConstRef& x) const;
  /// 0/1 label for every column (P >= 0.5 -> 1).
  std::vector<int> Predict(const ConstRef& x) const;
  /// Fraction of columns whose predicted label equals y.
  double Accuracy(const ConstRef& x, const std::vector<int>& y) const;
};

/// Fits on features × n data with 0/1 labels. INVALID_ARGUMENT when sizes
/// disagree, a label is not 0/1, only one class is present, a value is not
/// finite, or the config is out of range.
absl::StatusOr<LogisticRegression> FitLogisticRegression(const ConstRef& x,
                                                         const std::vector<int>& y,
                                                         const LogRegConfig& config = {});

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
