#pragma once
/// Losses. Every loss is a sum over samples, scaled by the caller:
/// Evaluate returns scale * sum_i loss_i and writes d(that)/d pred, so the
/// threads of a data-parallel step each pass scale = 1/batch and their
/// results simply add up. Targets have the prediction's shape (one column per
/// sample; class targets one-hot or soft probabilities).
/// Thread-safety: losses are immutable after construction.

#include <vector>

#include "nn/tensor.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Loss {
 public:
  virtual ~Loss() = default;
  virtual double Evaluate(const ConstRef& pred, const ConstRef& target, Scalar scale,
                          Matrix* dPred) const = 0;
};

/// Mean squared error per sample: loss_i = mean_d (p - t)^2. With scale
/// 1/batch this equals PyTorch's MSELoss() (mean over every element).
class MseLoss : public Loss {
 public:
  double Evaluate(const ConstRef& pred, const ConstRef& target, Scalar scale,
                  Matrix* dPred) const override;
};

/// Binary cross-entropy per sample, averaged over the outputs:
/// loss_i = -mean_d [t log p + (1-t) log(1-p)]. On probabilities (after a
/// Sigmoid layer; logs clamped at -100 as PyTorch's BCELoss) or, with
/// from_logits, directly on logits (stable, like BCEWithLogitsLoss).
class BceLoss : public Loss {
 public:
  explicit BceLoss(bool from_logits = false) : from_logits_(from_logits) {}
  double Evaluate(const ConstRef& pred, const ConstRef& target, Scalar scale,
                  Matrix* dPred) const override;

 private:
  bool from_logits_;
};

/// Softmax cross-entropy on logits with optional class weights (for
/// unbalanced data): loss_i = -sum_c w_c t_c log softmax(z)_c. Weights
/// scale each sample's loss (Keras class_weight; normalised by the batch
/// size, not by the weight sum). Empty weights = all ones.
class SoftmaxCrossEntropyLoss : public Loss {
 public:
  explicit SoftmaxCrossEntropyLoss(std::vector<double> class_weights = {})
      : weights_(std::move(class_weights)) {}
  double Evaluate(const ConstRef& pred, const ConstRef& target, Scalar scale,
                  Matrix* dPred) const override;

 private:
  std::vector<double> weights_;
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
