#include "nn/loss.h"

#include <algorithm>
#include <cmath>

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

double MseLoss::Evaluate(const ConstRef& pred, const ConstRef& target, Scalar scale,
                         Matrix* dPred) const {
  LS_NN_CHECK(pred.rows() == target.rows() && pred.cols() == target.cols());
  const Scalar k = scale / static_cast<Scalar>(pred.rows());
  double total = 0.0;
  if (dPred != nullptr) {
    dPred->resize(pred.rows(), pred.cols());
    dPred->noalias() = pred - target;
    total = dPred->squaredNorm();
    *dPred *= Scalar(2) * k;
  } else {
    total = (pred - target).squaredNorm();
  }
  return total * static_cast<double>(k);
}

double BceLoss::Evaluate(const ConstRef& pred, const ConstRef& target, Scalar scale,
                         Matrix* dPred) const {
  LS_NN_CHECK(pred.rows() == target.rows() && pred.cols() == target.cols());
  const Scalar k = scale / static_cast<Scalar>(pred.rows());
  if (dPred != nullptr) dPred->resize(pred.rows(), pred.cols());
  double total = 0.0;
  for (Index j = 0; j < pred.cols(); ++j) {
    for (Index i = 0; i < pred.rows(); ++i) {
      const double p = pred(i, j), t = target(i, j);
      double d;
      if (from_logits_) {
        // log(1 + exp(-|z|)) form never overflows.
        total += std::max(p, 0.0) - p * t + std::log1p(std::exp(-std::abs(p)));
        d = 1.0 / (1.0 + std::exp(-p)) - t;
      } else {
        const double lp = std::max(std::log(p), -100.0);
        const double lq = std::max(std::log1p(-p), -100.0);
        total -= t * lp + (1.0 - t) * lq;
        // Clamp the denominator as the clamped logs do.
        const double eps = 1e-12;
        d = (p - t) / std::max(p * (1.0 - p), eps);
      }
      if (dPred != nullptr) (*dPred)(i, j) = static_cast<Scalar>(d) * k;
    }
  }
  return total * static_cast<double>(k);
}

double SoftmaxCrossEntropyLoss::Evaluate(const ConstRef& pred, const ConstRef& target,
                                         Scalar scale, Matrix* dPred) const {
  LS_NN_CHECK(pred.rows() == target.rows() && pred.cols() == target.cols());
  LS_NN_CHECK(weights_.empty() || static_cast<Index>(weights_.size()) == pred.rows());
  if (dPred != nullptr) dPred->resize(pred.rows(), pred.cols());
  const Index c = pred.rows();
  Vector w = weights_.empty() ? Vector::Ones(c) : Vector(c);
  for (size_t i = 0; i < weights_.size(); ++i) w[i] = static_cast<Scalar>(weights_[i]);
  double total = 0.0;
  Vector logp(c);
  for (Index j = 0; j < pred.cols(); ++j) {
    const Scalar m = pred.col(j).maxCoeff();
    const Scalar lse = m + std::log((pred.col(j).array() - m).exp().sum());
    logp = pred.col(j).array() - lse;
    const Scalar wt = w.dot(target.col(j));  // sum_c w_c t_c
    total -= static_cast<double>((w.array() * target.col(j).array() * logp.array()).sum());
    if (dPred != nullptr) {
      // d/dz_k = p_k * sum_c w_c t_c - w_k t_k
      dPred->col(j).array() =
          scale * (logp.array().exp() * wt - w.array() * target.col(j).array());
    }
  }
  return total * static_cast<double>(scale);
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
