#pragma once
/// Additive Gaussian input noise (denoising autoencoders): in training
/// mode out = in + N(0, stddev^2) (stddev = spec.rate), identity otherwise.
/// Put it first and train against the clean input.
/// Thread-safety: see Layer.

#include "nn/elementwise.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class GaussianNoise : public ElementwiseLayer {
 public:
  explicit GaussianNoise(const LayerSpec& spec) : ElementwiseLayer(spec) {}
  void Forward(const ConstRef& in, Matrix& out) override;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) override;
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<GaussianNoise>(*this); }

};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
