#pragma once
/// 1-D max pooling per channel over a channels × length sample (PyTorch's
/// MaxPool1d: stride defaults to kernel, padding counts as -inf, floor mode):
/// length_out = (length + 2*padding - kernel) / stride + 1.
/// Thread-safety: see Layer (caches the arg-max of the last Forward).

#include <cstdint>
#include <vector>

#include "nn/layer.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class MaxPool1D : public Layer {
 public:
  explicit MaxPool1D(const LayerSpec& spec);
  Shape InputShape() const override { return {spec_.channels_in, spec_.length}; }
  Shape OutputShape() const override { return {spec_.channels_in, length_out_}; }
  void Forward(const ConstRef& in, Matrix& out) override;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) override;
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<MaxPool1D>(*this); }

 private:
  Index length_out_ = 0;
  std::vector<int32_t> argmax_;  // input row of each output element
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
