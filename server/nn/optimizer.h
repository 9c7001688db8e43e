#pragma once
/// Optimisers over a model's flat parameter vector. A step is BeginStep()
/// once, then Update() over ranges that together cover the vector; ranges of
/// one step are disjoint and may be updated concurrently by different threads
/// (that is the only thread-safety guarantee).

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"

#include "nn/tensor.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  /// Advances the step counter (bias correction); call once per step.
  virtual void BeginStep() {}
  /// Updates params[lo, hi) from grad[lo, hi).
  virtual void Update(Scalar* params, const Scalar* grad, Index lo, Index hi) = 0;
};

struct AdamConfig {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
};

/// Adam (Kingma & Ba), the same arithmetic as torch.optim.Adam:
/// p -= lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps).
class Adam : public Optimizer {
 public:
  Adam(Index num_params, AdamConfig config = {});
  void BeginStep() override;
  void Update(Scalar* params, const Scalar* grad, Index lo, Index hi) override;
  int64_t steps() const { return t_; }
  /// The step count and both moments as bytes, for checkpoints: a run resumed
  /// from them makes the same updates as one never stopped.
  std::string SaveState() const;
  /// Restores SaveState() bytes; INVALID_ARGUMENT (state unchanged) when they are
  /// damaged or belong to a model of another size.
  absl::Status LoadState(std::string_view bytes);

 private:
  AdamConfig cfg_;
  Vector m_, v_;
  int64_t t_ = 0;
  Scalar step_size_ = 0, inv_sqrt_bc2_ = 1;
};

struct SgdConfig {
  double lr = 0.01;
  double momentum = 0.0;
};

/// Stochastic gradient descent with optional (PyTorch-style) momentum:
/// buf = momentum*buf + g; p -= lr*buf.
class Sgd : public Optimizer {
 public:
  Sgd(Index num_params, SgdConfig config = {});
  void Update(Scalar* params, const Scalar* grad, Index lo, Index hi) override;

 private:
  SgdConfig cfg_;
  Vector buf_;
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
