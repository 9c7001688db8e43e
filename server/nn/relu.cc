#include "nn/relu.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

void Relu::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  out.resize(in.rows(), in.cols());
  out.array() = in.array().max(Scalar(0));
}

void Relu::Backward(const ConstRef&, const ConstRef& out, const ConstRef& dOut, Matrix& dIn) {
  LS_NN_CHECK(out.rows() == dOut.rows() && out.cols() == dOut.cols());
  dIn.resize(dOut.rows(), dOut.cols());
  dIn.array() = (out.array() > Scalar(0)).select(dOut.array(), Scalar(0));
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
