#include "nn/optimizer.h"

#include <cmath>

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

Adam::Adam(Index n, AdamConfig config)
    : cfg_(config), m_(Vector::Zero(n)), v_(Vector::Zero(n)) {}

void Adam::BeginStep() {
  ++t_;
  const double bc1 = 1.0 - std::pow(cfg_.beta1, static_cast<double>(t_));
  const double bc2 = 1.0 - std::pow(cfg_.beta2, static_cast<double>(t_));
  step_size_ = static_cast<Scalar>(cfg_.lr / bc1);
  inv_sqrt_bc2_ = static_cast<Scalar>(1.0 / std::sqrt(bc2));
}

void Adam::Update(Scalar* params, const Scalar* grad, Index lo, Index hi) {
  LS_NN_CHECK(t_ > 0 && lo >= 0 && hi <= m_.size() && lo <= hi);
  const Index n = hi - lo;
  const Scalar b1 = static_cast<Scalar>(cfg_.beta1), b2 = static_cast<Scalar>(cfg_.beta2);
  const Scalar eps = static_cast<Scalar>(cfg_.eps);
  auto g = Eigen::Map<const Vector>(grad + lo, n).array();
  auto m = m_.segment(lo, n).array();
  auto v = v_.segment(lo, n).array();
  auto p = VectorMap(params + lo, n).array();
  m = b1 * m + (Scalar(1) - b1) * g;
  v = b2 * v + (Scalar(1) - b2) * g.square();
  p -= step_size_ * m / (v.sqrt() * inv_sqrt_bc2_ + eps);
}

Sgd::Sgd(Index n, SgdConfig config) : cfg_(config) {
  if (cfg_.momentum != 0.0) buf_ = Vector::Zero(n);
}

void Sgd::Update(Scalar* params, const Scalar* grad, Index lo, Index hi) {
  const Index n = hi - lo;
  const Scalar lr = static_cast<Scalar>(cfg_.lr);
  auto g = Eigen::Map<const Vector>(grad + lo, n);
  auto p = VectorMap(params + lo, n);
  if (cfg_.momentum == 0.0) {
    p -= lr * g;
    return;
  }
  LS_NN_CHECK(hi <= buf_.size());
  auto b = buf_.segment(lo, n);
  b = static_cast<Scalar>(cfg_.momentum) * b + g;
  p -= lr * b;
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
