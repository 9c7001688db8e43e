#include "nn/conv1d.h"

#include <cmath>

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

Conv1D::Conv1D(const LayerSpec& spec) : Layer(spec) {
  length_out_ = (spec_.length + 2 * spec_.padding - spec_.kernel) / spec_.stride + 1;
}

std::vector<ParamInfo> Conv1D::Params() const {
  return {{"weight", spec_.channels_out, spec_.kernel * spec_.channels_in},
          {"bias", spec_.channels_out, 1}};
}

void Conv1D::Bind(Scalar* p) {
  const Index cols = spec_.kernel * spec_.channels_in;
  new (&w_) MatrixMap(p, spec_.channels_out, cols);
  new (&b_) VectorMap(p + spec_.channels_out * cols, spec_.channels_out);
}

void Conv1D::Initialize(Rng& rng) {
  const Scalar bound = Scalar(1) / std::sqrt(Scalar(spec_.kernel * spec_.channels_in));
  FillUniform(rng, bound, w_.data(), w_.size());
  FillUniform(rng, bound, b_.data(), b_.size());
}

Conv1D::Patches Conv1D::PatchesOf(const ConstRef& in, Index j) {
  const Index cin = spec_.channels_in;
  const Scalar* base = in.col(j).data();
  if (spec_.padding > 0) {
    // Zero-padded copy; the view below then never reads out of bounds.
    pad_.resize(cin, spec_.length + 2 * spec_.padding);
    pad_.leftCols(spec_.padding).setZero();
    pad_.rightCols(spec_.padding).setZero();
    pad_.middleCols(spec_.padding, spec_.length) = ConstMatrixMap(base, cin, spec_.length);
    base = pad_.data();
  }
  return Patches(base, spec_.kernel * cin, length_out_,
                 Eigen::OuterStride<>(cin * spec_.stride));
}

void Conv1D::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  out.resize(spec_.channels_out * length_out_, in.cols());
  for (Index j = 0; j < in.cols(); ++j) {
    MatrixMap o(out.col(j).data(), spec_.channels_out, length_out_);
    o.noalias() = w_ * PatchesOf(in, j);
    o.colwise() += b_;
  }
}

void Conv1D::Backward(const ConstRef& in, const ConstRef&, const ConstRef& dOut,
                      Matrix& dIn) {
  LS_NN_CHECK(dOut.rows() == OutputShape().size() && dOut.cols() == in.cols());
  const Index cin = spec_.channels_in, p = spec_.padding;
  const Index lpad = spec_.length + 2 * p;
  dIn.resize(in.rows(), in.cols());
  Matrix& dpad = dpad_;  // reused: a fresh multi-MB buffer per call costs page faults
  dpad.resize(cin, lpad);
  for (Index j = 0; j < in.cols(); ++j) {
    ConstMatrixMap dy(dOut.col(j).data(), spec_.channels_out, length_out_);
    dcol_.noalias() = w_.transpose() * dy;  // kernel*Cin × Lout
    // col2im: tap k of output position t came from padded column t*stride + k.
    dpad.setZero();
    for (Index k = 0; k < spec_.kernel; ++k) {
      Eigen::Map<Matrix, 0, Eigen::OuterStride<>> dst(
          dpad.data() + k * cin, cin, length_out_, Eigen::OuterStride<>(cin * spec_.stride));
      dst += dcol_.middleRows(k * cin, cin);
    }
    MatrixMap(dIn.col(j).data(), cin, spec_.length) = dpad.middleCols(p, spec_.length);
  }
}

void Conv1D::Gradient(const ConstRef& in, const ConstRef& dOut, Scalar* dParams,
                      bool accumulate) {
  LS_NN_CHECK(dOut.rows() == OutputShape().size() && dOut.cols() == in.cols());
  MatrixMap dw(dParams, w_.rows(), w_.cols());
  VectorMap db(dParams + dw.size(), spec_.channels_out);
  if (!accumulate) {
    dw.setZero();
    db.setZero();
  }
  for (Index j = 0; j < in.cols(); ++j) {
    ConstMatrixMap dy(dOut.col(j).data(), spec_.channels_out, length_out_);
    dw.noalias() += dy * PatchesOf(in, j).transpose();
    db.noalias() += dy.rowwise().sum();
  }
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
