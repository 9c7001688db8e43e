#include "nn/optimizer.h"

#include <cmath>
#include <cstring>

#include "absl/strings/str_cat.h"

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

namespace {
constexpr char kAdamMagic[8] = {'L', 'S', 'A', 'D', 'A', 'M', '1', '\n'};
struct AdamHeader {
  char magic[8];
  uint32_t scalar_bytes;
  uint32_t reserved;
  int64_t steps;
  int64_t params;
};
}  // namespace

std::string Adam::SaveState() const {
  AdamHeader h{};
  std::memcpy(h.magic, kAdamMagic, sizeof h.magic);
  h.scalar_bytes = sizeof(Scalar);
  h.steps = t_;
  h.params = m_.size();
  const size_t moment = sizeof(Scalar) * static_cast<size_t>(m_.size());
  std::string out(sizeof h + 2 * moment, '\0');
  std::memcpy(out.data(), &h, sizeof h);
  std::memcpy(out.data() + sizeof h, m_.data(), moment);
  std::memcpy(out.data() + sizeof h + moment, v_.data(), moment);
  return out;
}

absl::Status Adam::LoadState(std::string_view bytes) {
  AdamHeader h{};
  if (bytes.size() < sizeof h) return absl::InvalidArgumentError("optimizer state: truncated header");
  std::memcpy(&h, bytes.data(), sizeof h);
  if (std::memcmp(h.magic, kAdamMagic, sizeof h.magic) != 0) {
    return absl::InvalidArgumentError("optimizer state: not an Adam state (bad magic)");
  }
  if (h.scalar_bytes != sizeof(Scalar) || h.params != m_.size() || h.steps < 0) {
    return absl::InvalidArgumentError(absl::StrCat("optimizer state: ", h.params, " parameters of ",
                                                   h.scalar_bytes, " bytes, expected ", m_.size(),
                                                   " of ", sizeof(Scalar)));
  }
  const size_t moment = sizeof(Scalar) * static_cast<size_t>(m_.size());
  if (bytes.size() != sizeof h + 2 * moment) {
    return absl::InvalidArgumentError(absl::StrCat("optimizer state: ", bytes.size(),
                                                   " bytes, expected ", sizeof h + 2 * moment));
  }
  std::memcpy(m_.data(), bytes.data() + sizeof h, moment);
  std::memcpy(v_.data(), bytes.data() + sizeof h + moment, moment);
  // Re-derive the bias corrections of the last step taken.
  t_ = h.steps - 1;
  if (h.steps > 0) {
    BeginStep();
  } else {
    t_ = 0;
  }
  return absl::OkStatus();
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
