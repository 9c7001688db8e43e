#pragma once
/// Base of shape-preserving layers (activations, dropout, noise). The
/// per-sample shape is size/length × length (length 1 when 0), so a ReLU after
/// a Conv1D keeps the channels × length shape for the next layer.

#include "nn/layer.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class ElementwiseLayer : public Layer {
 public:
  explicit ElementwiseLayer(const LayerSpec& spec) : Layer(spec) {}
  Shape InputShape() const override {
    const Index cols = spec_.length > 0 ? spec_.length : 1;
    return {spec_.size / cols, cols};
  }
  Shape OutputShape() const override { return InputShape(); }
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
