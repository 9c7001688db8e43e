#pragma once
/// Inverted dropout: in training mode each element is zeroed with
/// probability p (spec.rate) and survivors are scaled by 1/(1-p); identity in
/// evaluation mode. The mask comes from the layer's seeded stream (Reseed).
/// Thread-safety: see Layer.

#include "nn/elementwise.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Dropout : public ElementwiseLayer {
 public:
  explicit Dropout(const LayerSpec& spec) : ElementwiseLayer(spec) {}
  void Forward(const ConstRef& in, Matrix& out) override;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) override;
  Index CacheSizePerSample() const override { return InputShape().size(); }  // mask_
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Dropout>(*this); }
 private:
  Matrix mask_;  // 0 or 1/(1-p), from the last training Forward
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
