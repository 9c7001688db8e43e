#include "nn/recurrent.h"

#include <cmath>

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

std::vector<ParamInfo> Recurrent::Params() const {
  const Index f = spec_.units_in, g = num_gates_ * spec_.units_out;
  return {{"weight_ih", g, f}, {"weight_hh", g, spec_.units_out}, {"bias_ih", g, 1},
          {"bias_hh", g, 1}};
}

void Recurrent::Bind(Scalar* p) {
  const Index f = spec_.units_in, h = spec_.units_out, g = num_gates_ * h;
  new (&w_ih_) MatrixMap(p, g, f);
  p += g * f;
  new (&w_hh_) MatrixMap(p, g, h);
  p += g * h;
  new (&b_ih_) VectorMap(p, g);
  new (&b_hh_) VectorMap(p + g, g);
}

void Recurrent::Initialize(Rng& rng) {
  const Scalar bound = Scalar(1) / std::sqrt(Scalar(spec_.units_out));
  FillUniform(rng, bound, w_ih_.data(), w_ih_.size());
  FillUniform(rng, bound, w_hh_.data(), w_hh_.size());
  FillUniform(rng, bound, b_ih_.data(), b_ih_.size());
  FillUniform(rng, bound, b_hh_.data(), b_hh_.size());
}

void Recurrent::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  LS_NN_CHECK(in.outerStride() == in.rows());
  const Index f = spec_.units_in, h = spec_.units_out, steps = spec_.length;
  const Index batch = in.cols();
  // Every (sample, step) input column at once: F × (B*T), sample-major.
  gx_.resize(num_gates_ * h, batch * steps);
  gx_.noalias() = w_ih_ * ConstMatrixMap(in.data(), f, batch * steps);
  if (fold_hidden_bias_) {
    gx_.colwise() += b_ih_ + b_hh_;
  } else {
    gx_.colwise() += b_ih_;
  }
  hs_.resize(h, (steps + 1) * batch);
  hs_.leftCols(batch).setZero();
  BeginForward(batch);
  for (Index t = 0; t < steps; ++t) StepForward(t, batch);
  if (spec_.return_sequences) {
    out.resize(h * steps, batch);
    for (Index t = 0; t < steps; ++t) {
      Strided(out.data() + t * h, h, batch, Eigen::OuterStride<>(h * steps)) =
          hs_.middleCols((t + 1) * batch, batch);
    }
  } else {
    out = hs_.rightCols(batch);
  }
}

void Recurrent::Backward(const ConstRef& in, const ConstRef&, const ConstRef& dOut, Matrix& dIn) {
  const Index f = spec_.units_in, h = spec_.units_out, steps = spec_.length;
  const Index batch = in.cols();
  LS_NN_CHECK_BATCH(dOut, OutputShape());
  LS_NN_CHECK(dOut.cols() == batch && hs_.cols() == (steps + 1) * batch);
  dgx_.resize(num_gates_ * h, batch * steps);
  dgh_.resize(num_gates_ * h, steps * batch);
  Matrix dh = Matrix::Zero(h, batch);
  for (Index t = steps - 1; t >= 0; --t) {
    if (spec_.return_sequences) {
      dh += ConstStrided(dOut.data() + t * h, h, batch, Eigen::OuterStride<>(dOut.outerStride()));
    } else if (t == steps - 1) {
      dh += dOut;
    }
    StepBackward(t, batch, dh);
  }
  dIn.resize(f * steps, batch);
  MatrixMap(dIn.data(), f, batch * steps).noalias() = w_ih_.transpose() * dgx_;
}

void Recurrent::Gradient(const ConstRef& in, const ConstRef&, Scalar* dParams, bool accumulate) {
  const Index f = spec_.units_in, h = spec_.units_out, steps = spec_.length;
  const Index g = num_gates_ * h, batch = in.cols();
  LS_NN_CHECK(dgx_.cols() == batch * steps && dgh_.cols() == steps * batch);
  LS_NN_CHECK(in.outerStride() == in.rows());
  MatrixMap dw_ih(dParams, g, f);
  MatrixMap dw_hh(dParams + dw_ih.size(), g, h);
  VectorMap db_ih(dParams + dw_ih.size() + dw_hh.size(), g);
  VectorMap db_hh(db_ih.data() + g, g);
  AssignOrAdd(dw_ih, dgx_ * ConstMatrixMap(in.data(), f, batch * steps).transpose(), accumulate);
  AssignOrAdd(dw_hh, dgh_ * hs_.leftCols(steps * batch).transpose(), accumulate);
  AssignOrAdd(db_ih, dgx_.rowwise().sum(), accumulate);
  AssignOrAdd(db_hh, (fold_hidden_bias_ ? dgx_ : dgh_).rowwise().sum(), accumulate);
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
