#pragma once
/// Softmax over each sample's column with temperature T (spec.rate):
/// out = exp(in/T) / sum(exp(in/T)). Higher T gives softer distributions.
/// Thread-safety: see Layer.

#include "nn/elementwise.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Softmax : public ElementwiseLayer {
 public:
  explicit Softmax(const LayerSpec& spec) : ElementwiseLayer(spec) {}
  void Forward(const ConstRef& in, Matrix& out) override;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) override;
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Softmax>(*this); }

};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
