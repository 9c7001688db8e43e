#pragma once
/// Plain (Elman) recurrent layer over a features × steps sample, PyTorch's
/// RNN with tanh: h' = tanh(W_ih x + b_ih + W_hh h + b_hh), h_0 = 0.
/// Output: the last state or every state (return_sequences). Parameters:
/// "weight_ih" (H × F), "weight_hh" (H × H), "bias_ih" (H), "bias_hh" (H).
/// Thread-safety: see Layer (caches states per Forward).

#include "nn/layer.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Rnn : public Layer {
 public:
  explicit Rnn(const LayerSpec& spec) : Layer(spec) {}
  Shape InputShape() const override { return {spec_.units_in, spec_.length}; }
  Shape OutputShape() const override {
    return {spec_.units_out, spec_.return_sequences ? spec_.length : 1};
  }
  std::vector<ParamInfo> Params() const override;
  void Bind(Scalar* params) override;
  void Initialize(Rng& rng) override;
  void Forward(const ConstRef& in, Matrix& out) override;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) override;
  void Gradient(const ConstRef& in, const ConstRef& dOut, Scalar* dParams,
                bool accumulate) override;
  bool GradientNeedsBackward() const override { return true; }
  // gx_, hs_, dgx_, dgh_ (H each) per step.
  Index CacheSizePerSample() const override { return 4 * spec_.units_out * spec_.length; }
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Rnn>(*this); }

 private:
  MatrixMap w_ih_{nullptr, 0, 0}, w_hh_{nullptr, 0, 0};
  VectorMap b_ih_{nullptr, 0}, b_hh_{nullptr, 0};
  Matrix gx_;  // H × (B*T), sample-major: W_ih x + b_ih
  Matrix hs_;  // H × ((T+1)*B), step-major: h_0 .. h_T
  Matrix dgx_; // H × (B*T), sample-major
  Matrix dgh_; // H × (T*B), step-major
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
