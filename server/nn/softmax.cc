#include "nn/softmax.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

void Softmax::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  const Scalar inv_t = Scalar(1) / static_cast<Scalar>(spec_.rate);
  out.resize(in.rows(), in.cols());
  for (Index j = 0; j < in.cols(); ++j) {
    // Subtract the max so exp never overflows.
    const Scalar m = in.col(j).maxCoeff();
    out.col(j).array() = ((in.col(j).array() - m) * inv_t).exp();
    out.col(j) /= out.col(j).sum();
  }
}

void Softmax::Backward(const ConstRef&, const ConstRef& out, const ConstRef& dOut,
                       Matrix& dIn) {
  LS_NN_CHECK(out.rows() == dOut.rows() && out.cols() == dOut.cols());
  const Scalar inv_t = Scalar(1) / static_cast<Scalar>(spec_.rate);
  dIn.resize(dOut.rows(), dOut.cols());
  for (Index j = 0; j < dOut.cols(); ++j) {
    const Scalar dot = out.col(j).dot(dOut.col(j));
    dIn.col(j).array() = inv_t * out.col(j).array() * (dOut.col(j).array() - dot);
  }
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
