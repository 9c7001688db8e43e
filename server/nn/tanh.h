#pragma once
/// Hyperbolic tangent.
/// Thread-safety: see Layer.

#include "nn/elementwise.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Tanh : public ElementwiseLayer {
 public:
  explicit Tanh(const LayerSpec& spec) : ElementwiseLayer(spec) {}
  void Forward(const ConstRef& in, Matrix& out) override;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) override;
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Tanh>(*this); }

};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
