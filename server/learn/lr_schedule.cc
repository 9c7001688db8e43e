#include "learn/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace ls::learn {

double LrScale(const std::string& decay, double progress) {
  if (decay != "cosine") return 1.0;
  constexpr double kFloor = 0.02;
  const double p = std::clamp(progress, 0.0, 1.0);
  return kFloor + (1.0 - kFloor) * 0.5 * (1.0 + std::cos(M_PI * p));
}

ScaledAdam::ScaledAdam(nn::Adam& adam, nn::Index n) : adam_(adam), before_(nn::Vector::Zero(n)) {}

void ScaledAdam::Update(nn::Scalar* params, const nn::Scalar* grad, nn::Index lo, nn::Index hi) {
  if (scale_ == nn::Scalar(1)) return adam_.Update(params, grad, lo, hi);
  const nn::Index n = hi - lo;
  auto p = nn::VectorMap(params + lo, n);
  auto old = before_.segment(lo, n);
  old = p;
  adam_.Update(params, grad, lo, hi);
  p = old + scale_ * (p - old);
}

}  // namespace ls::learn
