#pragma once
/// Gated recurrent unit over a features × steps sample (PyTorch's GRU
/// equations and gate order r, z, n; h_0 = 0):
///   r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
///   z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
///   n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
///   h' = (1 - z) * n + z * h
/// Output: the last state (hidden × 1) or, with return_sequences, every state
/// (hidden × steps). Parameters: "weight_ih" (3H × F), "weight_hh" (3H × H),
/// "bias_ih" (3H), "bias_hh" (3H).
///
/// The input projection of all steps and samples is one GEMM; the recurrence
/// is one small GEMM per step over the whole batch. Backward runs
/// back-propagation through time and keeps the gate gradients, so Gradient()
/// is three GEMMs. Thread-safety: see Layer (caches gates per Forward).

#include "nn/layer.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Gru : public Layer {
 public:
  explicit Gru(const LayerSpec& spec) : Layer(spec) {}
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
  // gx_, gates_, dgx_, dgh_ (3H each), hs_, hn_ (H each) per step.
  Index CacheSizePerSample() const override { return 14 * spec_.units_out * spec_.length; }
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Gru>(*this); }

 private:
  MatrixMap w_ih_{nullptr, 0, 0}, w_hh_{nullptr, 0, 0};
  VectorMap b_ih_{nullptr, 0}, b_hh_{nullptr, 0};
  // Caches, columns step-major (t*B + b) unless noted.
  Matrix gx_;    // 3H × (B*T), sample-major (b*T + t): W_ih x + b_ih
  Matrix hs_;    // H × ((T+1)*B): h_0 .. h_T
  Matrix gates_; // 3H × (T*B): r, z, n
  Matrix hn_;    // H × (T*B): W_hn h + b_hn
  Matrix dgx_;   // 3H × (B*T), sample-major
  Matrix dgh_;   // 3H × (T*B)
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
