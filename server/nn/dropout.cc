#include "nn/dropout.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

void Dropout::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  if (!training_ || spec_.rate == 0.0f) {
    out = in;
    mask_.resize(0, 0);
    return;
  }
  const double p = spec_.rate;
  const Scalar keep = Scalar(1) / static_cast<Scalar>(1.0 - p);
  mask_.resize(in.rows(), in.cols());
  Scalar* m = mask_.data();
  for (Index i = 0; i < mask_.size(); ++i) m[i] = rng_.Uniform() < p ? Scalar(0) : keep;
  out.resize(in.rows(), in.cols());
  out.array() = in.array() * mask_.array();
}

void Dropout::Backward(const ConstRef&, const ConstRef&, const ConstRef& dOut, Matrix& dIn) {
  if (mask_.size() == 0) {
    dIn = dOut;
    return;
  }
  LS_NN_CHECK(mask_.rows() == dOut.rows() && mask_.cols() == dOut.cols());
  dIn.resize(dOut.rows(), dOut.cols());
  dIn.array() = dOut.array() * mask_.array();
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
