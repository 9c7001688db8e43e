#include "nn/rnn.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

void Rnn::StepForward(Index t, Index batch) {
  a_ = StepInput(t, batch);
  StepProduct(a_, w_hh_, StateAt(t, batch), true);
  StateAt(t + 1, batch).array() = a_.array().tanh();
}

void Rnn::StepBackward(Index t, Index batch, Matrix& dh) {
  auto da = StepHiddenGrad(t, batch);
  da.array() = dh.array() * (Scalar(1) - StateAt(t + 1, batch).array().square());
  StepInputGrad(t, batch) = da;
  StepProduct(dh, w_hh_.transpose(), da, false);
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
