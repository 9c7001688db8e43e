#pragma once
/// 1-D convolution (cross-correlation, as PyTorch's Conv1d) over a
/// channels_in × length sample: out(co, j) = b(co) + sum_{k, ci}
/// W(co, k*channels_in + ci) * x_pad(ci, j*stride + k), zero padding on both
/// ends, length_out = (length + 2*padding - kernel) / stride + 1.
///
/// Parameters: "weight" (channels_out × kernel*channels_in, tap-major so a
/// receptive field is one contiguous block of the channel-interleaved input and
/// the whole layer is one GEMM per sample, with no im2col copy), "bias".
/// Thread-safety: see Layer.

#include "nn/layer.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Conv1D : public Layer {
 public:
  explicit Conv1D(const LayerSpec& spec);
  Shape InputShape() const override { return {spec_.channels_in, spec_.length}; }
  Shape OutputShape() const override { return {spec_.channels_out, length_out_}; }
  std::vector<ParamInfo> Params() const override;
  void Bind(Scalar* params) override;
  void Initialize(Rng& rng) override;
  void Forward(const ConstRef& in, Matrix& out) override;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) override;
  void Gradient(const ConstRef& in, const ConstRef& dOut, Scalar* dParams,
                bool accumulate) override;
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Conv1D>(*this); }

 private:
  using Patches = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;
  // Overlapping strided view of sample j's receptive fields (kernel*Cin × Lout).
  Patches PatchesOf(const ConstRef& in, Index j);

  Index length_out_ = 0;
  MatrixMap w_{nullptr, 0, 0};
  VectorMap b_{nullptr, 0};
  Matrix pad_;   // Cin × (L + 2p) scratch for padded inputs
  Matrix dcol_;  // kernel*Cin × Lout scratch for input gradients
  Matrix dpad_;  // Cin × (L + 2p) scratch for padded input gradients
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
