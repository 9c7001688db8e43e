#pragma once
/// Plain (Elman) recurrent layer over a features × steps sample, PyTorch's
/// RNN with tanh: h' = tanh(W_ih x + b_ih + W_hh h + b_hh), h_0 = 0.
/// Shapes, parameters (G = 1) and the loops over time: see Recurrent.

#include "nn/recurrent.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Rnn : public Recurrent {
 public:
  explicit Rnn(const LayerSpec& spec) : Recurrent(spec, 1, true) {}
  std::unique_ptr<Layer> Clone() const override { return std::make_unique<Rnn>(*this); }

 protected:
  void StepForward(Index t, Index batch) override;
  void StepBackward(Index t, Index batch, Matrix& dh) override;

 private:
  Matrix a_;  // H × B: pre-activation of the current step
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
