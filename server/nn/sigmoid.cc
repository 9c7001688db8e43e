#include "nn/sigmoid.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

void Sigmoid::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  out.resize(in.rows(), in.cols());
  // Eigen's logistic() is vectorised and stable for large |x|.
  out.array() = in.array().logistic();
}

void Sigmoid::Backward(const ConstRef&, const ConstRef& out, const ConstRef& dOut,
                       Matrix& dIn) {
  LS_NN_CHECK(out.rows() == dOut.rows() && out.cols() == dOut.cols());
  dIn.resize(dOut.rows(), dOut.cols());
  dIn.array() = dOut.array() * out.array() * (Scalar(1) - out.array());
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
