#include "nn/gru.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

void Gru::BeginForward(Index batch) {
  const Index h = spec_.units_out, steps = spec_.length;
  gates_.resize(3 * h, steps * batch);
  hn_.resize(h, steps * batch);
  gh_.resize(3 * h, batch);
  dh_next_.resize(h, batch);
}

void Gru::StepForward(Index t, Index batch) {
  const Index h = spec_.units_out;
  const ConstStrided gxt = StepInput(t, batch);
  auto hprev = StateAt(t, batch);
  StepProduct(gh_, w_hh_, hprev, false);
  gh_.colwise() += b_hh_;
  auto g = gates_.middleCols(t * batch, batch);
  g.topRows(2 * h).array() = (gxt.topRows(2 * h) + gh_.topRows(2 * h)).array().logistic();
  hn_.middleCols(t * batch, batch) = gh_.bottomRows(h);
  g.bottomRows(h).array() =
      (gxt.bottomRows(h).array() + g.topRows(h).array() * gh_.bottomRows(h).array()).tanh();
  const auto z = g.middleRows(h, h).array();
  StateAt(t + 1, batch).array() = (Scalar(1) - z) * g.bottomRows(h).array() + z * hprev.array();
}

void Gru::StepBackward(Index t, Index batch, Matrix& dh) {
  const Index h = spec_.units_out;
  const auto hprev = StateAt(t, batch).array();
  const auto g = gates_.middleCols(t * batch, batch);
  const auto r = g.topRows(h).array();
  const auto z = g.middleRows(h, h).array();
  const auto n = g.bottomRows(h).array();
  const auto hn = hn_.middleCols(t * batch, batch).array();
  auto dg = StepHiddenGrad(t, batch);
  // d n pre-activation, then r and z pre-activations.
  dg.bottomRows(h).array() = dh.array() * (Scalar(1) - z) * (Scalar(1) - n.square());
  dg.topRows(h).array() = dg.bottomRows(h).array() * hn * r * (Scalar(1) - r);
  dg.middleRows(h, h).array() = dh.array() * (hprev - n) * z * (Scalar(1) - z);
  StepInputGrad(t, batch) = dg;
  // The hidden path sees r * (W_hn h + b_hn), the input path does not.
  dg.bottomRows(h).array() *= r;
  dh_next_.array() = dh.array() * z;
  StepProduct(dh_next_, w_hh_.transpose(), dg, true);
  dh.swap(dh_next_);
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
