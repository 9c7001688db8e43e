#include "nn/gru.h"

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

std::vector<ParamInfo> Gru::Params() const {
  const Index f = spec_.units_in, h = spec_.units_out;
  return {{"weight_ih", 3 * h, f}, {"weight_hh", 3 * h, h}, {"bias_ih", 3 * h, 1},
          {"bias_hh", 3 * h, 1}};
}

void Gru::Bind(Scalar* p) {
  const Index f = spec_.units_in, h = spec_.units_out;
  new (&w_ih_) MatrixMap(p, 3 * h, f);
  p += 3 * h * f;
  new (&w_hh_) MatrixMap(p, 3 * h, h);
  p += 3 * h * h;
  new (&b_ih_) VectorMap(p, 3 * h);
  new (&b_hh_) VectorMap(p + 3 * h, 3 * h);
}

void Gru::Initialize(Rng& rng) {
  const Scalar bound = Scalar(1) / std::sqrt(Scalar(spec_.units_out));
  FillUniform(rng, bound, w_ih_.data(), w_ih_.size());
  FillUniform(rng, bound, w_hh_.data(), w_hh_.size());
  FillUniform(rng, bound, b_ih_.data(), b_ih_.size());
  FillUniform(rng, bound, b_hh_.data(), b_hh_.size());
}

void Gru::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  LS_NN_CHECK(in.outerStride() == in.rows());
  const Index f = spec_.units_in, h = spec_.units_out, steps = spec_.length;
  const Index batch = in.cols();
  // Every (sample, step) input column at once: F × (B*T), sample-major.
  gx_.resize(3 * h, batch * steps);
  gx_.noalias() = w_ih_ * ConstMatrixMap(in.data(), f, batch * steps);
  gx_.colwise() += b_ih_;
  hs_.resize(h, (steps + 1) * batch);
  hs_.leftCols(batch).setZero();
  gates_.resize(3 * h, steps * batch);
  hn_.resize(h, steps * batch);
  Matrix gh(3 * h, batch);
  for (Index t = 0; t < steps; ++t) {
    ConstStrided gxt(gx_.data() + t * 3 * h, 3 * h, batch, Eigen::OuterStride<>(3 * h * steps));
    auto hprev = hs_.middleCols(t * batch, batch);
    if (h <= kLazyMaxHidden) {
      gh.noalias() = w_hh_.lazyProduct(hprev);
    } else {
      gh.noalias() = w_hh_ * hprev;
    }
    gh.colwise() += b_hh_;
    auto g = gates_.middleCols(t * batch, batch);
    g.topRows(2 * h).array() = (gxt.topRows(2 * h) + gh.topRows(2 * h)).array().logistic();
    hn_.middleCols(t * batch, batch) = gh.bottomRows(h);
    g.bottomRows(h).array() =
        (gxt.bottomRows(h).array() + g.topRows(h).array() * gh.bottomRows(h).array()).tanh();
    const auto z = g.middleRows(h, h).array();
    hs_.middleCols((t + 1) * batch, batch).array() =
        (Scalar(1) - z) * g.bottomRows(h).array() + z * hprev.array();
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

void Gru::Backward(const ConstRef& in, const ConstRef&, const ConstRef& dOut, Matrix& dIn) {
  const Index f = spec_.units_in, h = spec_.units_out, steps = spec_.length;
  const Index batch = in.cols();
  LS_NN_CHECK_BATCH(dOut, OutputShape());
  LS_NN_CHECK(dOut.cols() == batch && hs_.cols() == (steps + 1) * batch);
  dgx_.resize(3 * h, batch * steps);
  dgh_.resize(3 * h, steps * batch);
  Matrix dh = Matrix::Zero(h, batch);
  Matrix dh_next(h, batch);
  for (Index t = steps - 1; t >= 0; --t) {
    if (spec_.return_sequences) {
      dh += ConstStrided(dOut.data() + t * h, h, batch, Eigen::OuterStride<>(dOut.outerStride()));
    } else if (t == steps - 1) {
      dh += dOut;
    }
    const auto hprev = hs_.middleCols(t * batch, batch).array();
    const auto g = gates_.middleCols(t * batch, batch);
    const auto r = g.topRows(h).array();
    const auto z = g.middleRows(h, h).array();
    const auto n = g.bottomRows(h).array();
    const auto hn = hn_.middleCols(t * batch, batch).array();
    auto dg = dgh_.middleCols(t * batch, batch);
    // d n pre-activation, then r and z pre-activations.
    dg.bottomRows(h).array() = dh.array() * (Scalar(1) - z) * (Scalar(1) - n.square());
    dg.topRows(h).array() = dg.bottomRows(h).array() * hn * r * (Scalar(1) - r);
    dg.middleRows(h, h).array() = dh.array() * (hprev - n) * z * (Scalar(1) - z);
    Strided dgxt(dgx_.data() + t * 3 * h, 3 * h, batch, Eigen::OuterStride<>(3 * h * steps));
    dgxt = dg;
    // The hidden path sees r * (W_hn h + b_hn), the input path does not.
    dg.bottomRows(h).array() *= r;
    dh_next.array() = dh.array() * z;
    if (h <= kLazyMaxHidden) {
      dh_next.noalias() += w_hh_.transpose().lazyProduct(dg);
    } else {
      dh_next.noalias() += w_hh_.transpose() * dg;
    }
    dh.swap(dh_next);
  }
  dIn.resize(f * steps, batch);
  MatrixMap(dIn.data(), f, batch * steps).noalias() = w_ih_.transpose() * dgx_;
}

void Gru::Gradient(const ConstRef& in, const ConstRef&, Scalar* dParams, bool accumulate) {
  const Index f = spec_.units_in, h = spec_.units_out, steps = spec_.length;
  const Index batch = in.cols();
  LS_NN_CHECK(dgx_.cols() == batch * steps && dgh_.cols() == steps * batch);
  LS_NN_CHECK(in.outerStride() == in.rows());
  MatrixMap dw_ih(dParams, 3 * h, f);
  MatrixMap dw_hh(dParams + dw_ih.size(), 3 * h, h);
  VectorMap db_ih(dParams + dw_ih.size() + dw_hh.size(), 3 * h);
  VectorMap db_hh(db_ih.data() + 3 * h, 3 * h);
  AssignOrAdd(dw_ih, dgx_ * ConstMatrixMap(in.data(), f, batch * steps).transpose(), accumulate);
  AssignOrAdd(dw_hh, dgh_ * hs_.leftCols(steps * batch).transpose(), accumulate);
  AssignOrAdd(db_ih, dgx_.rowwise().sum(), accumulate);
  AssignOrAdd(db_hh, dgh_.rowwise().sum(), accumulate);
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
