#include "nn/tanh.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

void Tanh::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  out.resize(in.rows(), in.cols());
  out.array() = in.array().tanh();
}

void Tanh::Backward(const ConstRef&, const ConstRef& out, const ConstRef& dOut, Matrix& dIn) {
  LS_NN_CHECK(out.rows() == dOut.rows() && out.cols() == dOut.cols());
  dIn.resize(dOut.rows(), dOut.cols());
  dIn.array() = dOut.array() * (Scalar(1) - out.array().square());
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
