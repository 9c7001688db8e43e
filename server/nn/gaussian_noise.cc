#include "nn/gaussian_noise.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

void GaussianNoise::Forward(const ConstRef& in, Matrix& out) {
  LS_NN_CHECK_BATCH(in, InputShape());
  out = in;
  if (!training_ || spec_.rate == 0.0f) return;
  const double sd = spec_.rate;
  Scalar* o = out.data();
  for (Index i = 0; i < out.size(); ++i) o[i] += static_cast<Scalar>(sd * rng_.Normal());
}

// The noise is additive, so the derivative is the identity.
void GaussianNoise::Backward(const ConstRef&, const ConstRef&, const ConstRef& dOut,
                             Matrix& dIn) {
  dIn = dOut;
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
