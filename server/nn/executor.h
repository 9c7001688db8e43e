#pragma once
/// Per-thread execution state of a Sequential model: its own copies of the
/// layers (bound to the model's shared parameters) and activation buffers.
///
/// Usage per step: Forward(in) → write d loss / d output into OutputGrad() →
/// Backward(scale, grad). Buffers are reused, so steady-state steps do not
/// allocate. Thread-safety: one Executor per thread; several executors may run
/// concurrently on one model as long as nobody writes its parameters meanwhile.
/// The model must outlive the executor and not be changed (Add) after it.

#include <memory>
#include <optional>
#include <vector>

#include "nn/sequential.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Executor {
 public:
  explicit Executor(const Sequential& model);
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  /// Training mode turns dropout and noise on.
  void SetTraining(bool training);
  /// Reseeds the stochastic layers (layer i gets MixSeed(seed, i)).
  void Reseed(uint64_t seed);

  /// Runs every layer. `in` must stay alive and unchanged until Backward.
  /// Returns the model output (valid until the next Forward).
  const Matrix& Forward(const ConstRef& in);
  /// Output of layer i from the last Forward.
  const Matrix& Activation(int i) const { return acts_[i]; }

  /// Where the caller writes d loss / d output before Backward (resized to
  /// the output's shape by Forward).
  Matrix& OutputGrad() { return deltas_.back(); }

  /// Back-propagates OutputGrad(); writes the full parameter gradient
  /// (NumParams() scalars, overwritten) to `grad`. Adds each layer's L1
  /// activity penalty `scale * lambda * sum|out|` to the gradient and returns
  /// the summed penalty. With `input_grad`, also returns d loss / d input.
  /// With `accumulate`, adds the parameter gradient to `grad` instead (the
  /// second and later chunks of a batch).
  double Backward(Scalar scale, Scalar* grad, Matrix* input_grad = nullptr,
                  bool accumulate = false);

 private:
  using InputView = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;

  const Sequential* model_;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Matrix> acts_;    // acts_[i]: output of layer i
  std::vector<Matrix> deltas_;  // deltas_[i]: d loss / d output of layer i
  Matrix first_dIn_;
  std::optional<InputView> input_;
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
