#pragma once
/// Gated recurrent unit over a features × steps sample (PyTorch's GRU
/// equations and gate order r, z, n; h_0 = 0):
///   r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
///   z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
///   n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
///   h' = (1 - z) * n + z * h
/// Shapes, parameters (G = 3) and the loops over time: see Recurrent.

#include "nn/recurrent.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Gru : public Recurrent {
 public:
  explicit Gru(const LayerSpec& spec) : Recurrent(spec, 3, false) {}
  // Besides Recurrent's: gates_, hn_ (3H + H) per step.
  Index CacheSizePerSample() const override {
    return Recurrent::CacheSizePerSample() + 4 * spec_.units_out * spec_.length;
  }
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Gru>(*this); }

 protected:
  void BeginForward(Index batch) override;
  void StepForward(Index t, Index batch) override;
  void StepBackward(Index t, Index batch, Matrix& dh) override;

 private:
  Matrix gates_;    // 3H × (T*B), step-major: r, z, n
  Matrix hn_;       // H × (T*B), step-major: W_hn h + b_hn
  Matrix gh_;       // 3H × B: W_hh h + b_hh of the current step
  Matrix dh_next_;  // H × B: d loss / d h of the previous step
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
