#pragma once
/// Rectified linear unit: out = max(in, 0).
/// Thread-safety: see Layer.

#include "nn/elementwise.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Relu : public ElementwiseLayer {
 public:
  explicit Relu(const LayerSpec& spec) : ElementwiseLayer(spec) {}
  void Forward(const ConstRef& in, Matrix& out) override;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) override;
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Relu>(*this); }

};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
