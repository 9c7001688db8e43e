#pragma once
/// Flattens a channels × length sample into a (channels*length) × 1 vector.
/// With one column per sample this is a copy: element (c, t) keeps row
/// t*channels + c (note: PyTorch's flatten of (C, L) orders c*L + t).

#include "nn/layer.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Flatten : public Layer {
 public:
  explicit Flatten(const LayerSpec& spec) : Layer(spec) {}
  Shape InputShape() const override { return {spec_.channels_in, spec_.length}; }
  Shape OutputShape() const override { return {spec_.channels_in * spec_.length, 1}; }
  void Forward(const ConstRef& in, Matrix& out) override {
    LS_NN_CHECK_BATCH(in, InputShape());
    out = in;
  }
  void Backward(const ConstRef&, const ConstRef&, const ConstRef& dOut, Matrix& dIn) override {
    dIn = dOut;
  }
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Flatten>(*this); }
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
