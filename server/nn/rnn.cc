#include "nn/rnn.h"

#include <cmath>

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {
namespace {

using Strided = Eigen::Map<Matrix, 0, Eigen::OuterStride<>>;
using ConstStrided = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;

// The per-step recurrent product is tiny for small hidden sizes; there
// Eigen's GEMM set-up (blocking, packing) costs more than the arithmetic.
constexpr Index kLazyMaxHidden = 32;

}  // namespace

std::vector<ParamInfo> Rnn::Params() const {
  const Index f = spec_.units_in, h = spec_.units_out;
  return {{"weight_ih", h, f}, {"weight_hh", h, h}, {"bias_ih", h, 1}, {"bias_hh", h, 1}};
}

void Rnn::Bind(Scalar* p) {
  const Index f = spec_.units_in, h = spec_.units_out;
  new (&w_ih_) MatrixMap(p, h, f);
  p += h * f;
  new (&w_hh_) MatrixMap(p, h, h);
  p += h * h;
  new (&b_ih_) VectorMap(p, h);
  new (&b_hh_) VectorMap(p + h, h);
}

void Rnn::Initialize(Rng& rng) {
  const Scalar bound = Scalar(1) / std::sqrt(Scalar(spec_.units_out));
  FillUniform(rng, bound, w_ih_.data(), w_ih_.size());
  FillUniform(rng, bound, w_hh_.data(), w_hh_.size());
  FillUniform(rng, bound, b_ih_.data(), b_ih_.size());
  FillUniform(rng, bound, b_hh_.data(), b_hh_.size());
}

void Rnn::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  LS_NN_CHECK(in.outerStride() == in.rows());
  const Index f = spec_.units_in, h = spec_.units_out, steps = spec_.length;
  const Index batch = in.cols();
  gx_.resize(h, batch * steps);
  gx_.noalias() = w_ih_ * ConstMatrixMap(in.data(), f, batch * steps);
  gx_.colwise() += b_ih_ + b_hh_;
  hs_.resize(h, (steps + 1) * batch);
  hs_.leftCols(batch).setZero();
  Matrix a(h, batch);
  for (Index t = 0; t < steps; ++t) {
    a = ConstStrided(gx_.data() + t * h, h, batch, Eigen::OuterStride<>(h * steps));
    if (h <= kLazyMaxHidden) {
      a.noalias() += w_hh_.lazyProduct(hs_.middleCols(t * batch, batch));
    } else {
      a.noalias() += w_hh_ * hs_.middleCols(t * batch, batch);
    }
    hs_.middleCols((t + 1) * batch, batch).array() = a.array().tanh();
  }
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

void Rnn::Backward(const ConstRef& in, const ConstRef&, const ConstRef& dOut, Matrix& dIn) {
  const Index f = spec_.units_in, h = spec_.units_out, steps = spec_.length;
  const Index batch = in.cols();
  LS_NN_CHECK_BATCH(dOut, OutputShape());
  LS_NN_CHECK(dOut.cols() == batch && hs_.cols() == (steps + 1) * batch);
  dgx_.resize(h, batch * steps);
  dgh_.resize(h, steps * batch);
  Matrix dh = Matrix::Zero(h, batch);
  for (Index t = steps - 1; t >= 0; --t) {
    if (spec_.return_sequences) {
      dh += ConstStrided(dOut.data() + t * h, h, batch, Eigen::OuterStride<>(dOut.outerStride()));
    } else if (t == steps - 1) {
      dh += dOut;
    }
    auto da = dgh_.middleCols(t * batch, batch);
    da.array() = dh.array() * (Scalar(1) - hs_.middleCols((t + 1) * batch, batch).array().square());
    Strided(dgx_.data() + t * h, h, batch, Eigen::OuterStride<>(h * steps)) = da;
    if (h <= kLazyMaxHidden) {
      dh.noalias() = w_hh_.transpose().lazyProduct(da);
    } else {
      dh.noalias() = w_hh_.transpose() * da;
    }
  }
  dIn.resize(f * steps, batch);
  MatrixMap(dIn.data(), f, batch * steps).noalias() = w_ih_.transpose() * dgx_;
}

void Rnn::Gradient(const ConstRef& in, const ConstRef&, Scalar* dParams, bool accumulate) {
  const Index f = spec_.units_in, h = spec_.units_out, steps = spec_.length;
  const Index batch = in.cols();
  LS_NN_CHECK(dgx_.cols() == batch * steps && dgh_.cols() == steps * batch);
  MatrixMap dw_ih(dParams, h, f);
  MatrixMap dw_hh(dParams + h * f, h, h);
  VectorMap db_ih(dParams + h * f + h * h, h);
  VectorMap db_hh(db_ih.data() + h, h);
  AssignOrAdd(dw_ih, dgx_ * ConstMatrixMap(in.data(), f, batch * steps).transpose(), accumulate);
  AssignOrAdd(dw_hh, dgh_ * hs_.leftCols(steps * batch).transpose(), accumulate);
  AssignOrAdd(db_ih, dgx_.rowwise().sum(), accumulate);
  AssignOrAdd(db_hh, dgx_.rowwise().sum(), accumulate);  // both biases enter as one sum
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
