#pragma once
/// Fully connected layer: out = W in + b, W is units_out × units_in.
/// Parameters: "weight" (out × in), "bias" (out). Thread-safety: see Layer.

#include "nn/layer.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Dense : public Layer {
 public:
  explicit Dense(const LayerSpec& spec);
  Shape InputShape() const override { return {spec_.units_in, 1}; }
  Shape OutputShape() const override { return {spec_.units_out, 1}; }
  std::vector<ParamInfo> Params() const override;
  void Bind(Scalar* params) override;
  void Initialize(Rng& rng) override;
  void Forward(const ConstRef& in, Matrix& out) override;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) override;
  void Gradient(const ConstRef& in, const ConstRef& dOut, Scalar* dParams,
                bool accumulate) override;
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Dense>(*this); }

 private:
  MatrixMap w_{nullptr, 0, 0};
  VectorMap b_{nullptr, 0};
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
