#include "nn/dense.h"

#include <cmath>

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

Dense::Dense(const LayerSpec& spec) : Layer(spec) {}

std::vector<ParamInfo> Dense::Params() const {
  return {{"weight", spec_.units_out, spec_.units_in}, {"bias", spec_.units_out, 1}};
}

void Dense::Bind(Scalar* p) {
  // Placement new is how Eigen re-targets a Map.
  new (&w_) MatrixMap(p, spec_.units_out, spec_.units_in);
  new (&b_) VectorMap(p + spec_.units_out * spec_.units_in, spec_.units_out);
}

void Dense::Initialize(Rng& rng) {
  const Scalar bound = Scalar(1) / std::sqrt(Scalar(spec_.units_in));
  FillUniform(rng, bound, w_.data(), w_.size());
  FillUniform(rng, bound, b_.data(), b_.size());
}

void Dense::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK(in.rows() == spec_.units_in);
  out.resize(spec_.units_out, in.cols());
  // Bias first, then accumulate: Eigen's "= A*B" would zero dst before its
  // GEMM anyway, so this saves a pass over the output.
  out.colwise() = b_;
  out.noalias() += w_ * in;
}

void Dense::Backward(const ConstRef& in, const ConstRef&, const ConstRef& dOut,
                     Matrix& dIn) {
  LS_NN_CHECK(dOut.rows() == spec_.units_out && dOut.cols() == in.cols());
  dIn.resize(spec_.units_in, dOut.cols());
  dIn.noalias() = w_.transpose() * dOut;
}

void Dense::Gradient(const ConstRef& in, const ConstRef& dOut, Scalar* dParams,
                     bool accumulate) {
  LS_NN_CHECK(dOut.rows() == spec_.units_out && dOut.cols() == in.cols());
  MatrixMap dw(dParams, spec_.units_out, spec_.units_in);
  VectorMap db(dParams + dw.size(), spec_.units_out);
  AssignOrAdd(dw, dOut * in.transpose(), accumulate);
  AssignOrAdd(db, dOut.rowwise().sum(), accumulate);
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
