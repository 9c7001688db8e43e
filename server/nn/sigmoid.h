#pragma once
/// Logistic sigmoid: out = 1 / (1 + exp(-in)).
/// Thread-safety: see Layer.

#include "nn/elementwise.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Sigmoid : public ElementwiseLayer {
 public:
  explicit Sigmoid(const LayerSpec& spec) : ElementwiseLayer(spec) {}
  void Forward(const ConstRef& in, Matrix& out) override;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) override;
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Sigmoid>(*this); }

};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
