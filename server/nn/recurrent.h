#pragma once
/// Base of the recurrent layers over a features × steps sample (h_0 = 0).
/// It owns what GRU and RNN share: shapes, the parameter layout, the input
/// projection of all steps, the loops over time and the weight gradients;
/// a subclass supplies one step of its cell, forward and back.
///
/// Output: the last state (hidden × 1) or, with return_sequences, every state
/// (hidden × steps). With G gate blocks per cell the parameters are
/// "weight_ih" (G*H × F), "weight_hh" (G*H × H), "bias_ih" (G*H) and
/// "bias_hh" (G*H), in that order (model files depend on it).
///
/// The input projection of all steps and samples is one GEMM; the recurrence
/// is one small GEMM per step over the whole batch. Backward runs
/// back-propagation through time and keeps the pre-activation gradients, so
/// Gradient() is three GEMMs. Thread-safety: see Layer (caches per Forward).

#include "nn/layer.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Recurrent : public Layer {
 public:
  Shape InputShape() const override { return {spec_.units_in, spec_.length}; }
  Shape OutputShape() const override {
    return {spec_.units_out, spec_.return_sequences ? spec_.length : 1};
  }
  std::vector<ParamInfo> Params() const override;
  void Bind(Scalar* params) override;
  void Initialize(Rng& rng) override;
  void Forward(const ConstRef& in, Matrix& out) final;
  void Backward(const ConstRef& in, const ConstRef& out, const ConstRef& dOut,
                Matrix& dIn) final;
  void Gradient(const ConstRef& in, const ConstRef& dOut, Scalar* dParams,
                bool accumulate) final;
  bool GradientNeedsBackward() const override { return true; }
  // gx_, dgx_, dgh_ (G*H each) and hs_ (H) per step.
  Index CacheSizePerSample() const override {
    return (3 * num_gates_ + 1) * spec_.units_out * spec_.length;
  }

 protected:
  using Strided = Eigen::Map<Matrix, 0, Eigen::OuterStride<>>;
  using ConstStrided = Eigen::Map<const Matrix, 0, Eigen::OuterStride<>>;

  /// `gates`: G, the blocks of H rows in each weight. `fold_hidden_bias`:
  /// b_hh only ever adds to W_ih x + b_ih (RNN), so Forward adds it there
  /// once and its gradient is that of b_ih.
  Recurrent(const LayerSpec& spec, Index gates, bool fold_hidden_bias)
      : Layer(spec), num_gates_(gates), fold_hidden_bias_(fold_hidden_bias) {}

  /// Sizes the subclass's own caches for a batch, before the first step.
  virtual void BeginForward(Index batch) { (void)batch; }
  /// Sets state t+1 (StateAt(t + 1, batch)) from StepInput(t, batch) and
  /// StateAt(t, batch), caching what StepBackward needs.
  virtual void StepForward(Index t, Index batch) = 0;
  /// Given dh = d loss / d h_{t+1} (H × B), writes step t's pre-activation
  /// gradients to StepInputGrad (input path) and StepHiddenGrad (the W_hh h
  /// path), and leaves d loss / d h_t in dh.
  virtual void StepBackward(Index t, Index batch, Matrix& dh) = 0;

  // Step t of the caches: gx_ and dgx_ are sample-major (column b*T + t),
  // hs_ and dgh_ step-major (column t*B + b).
  ConstStrided StepInput(Index t, Index batch) const {
    const Index rows = num_gates_ * spec_.units_out;
    return ConstStrided(gx_.data() + t * rows, rows, batch, Eigen::OuterStride<>(rows * spec_.length));
  }
  Strided StepInputGrad(Index t, Index batch) {
    const Index rows = num_gates_ * spec_.units_out;
    return Strided(dgx_.data() + t * rows, rows, batch, Eigen::OuterStride<>(rows * spec_.length));
  }
  auto StateAt(Index t, Index batch) { return hs_.middleCols(t * batch, batch); }
  auto StepHiddenGrad(Index t, Index batch) { return dgh_.middleCols(t * batch, batch); }

  /// dst = lhs * rhs (or +=) for the per-step products with W_hh or its
  /// transpose: for small hidden sizes Eigen's GEMM set-up (blocking,
  /// packing) costs more than the arithmetic, so those take a lazy product.
  template <typename Dst, typename Lhs, typename Rhs>
  void StepProduct(Dst&& dst, const Lhs& lhs, const Rhs& rhs, bool accumulate) const {
    constexpr Index kLazyMaxHidden = 32;
    if (spec_.units_out <= kLazyMaxHidden) {
      AssignOrAdd(dst, lhs.lazyProduct(rhs), accumulate);
    } else {
      AssignOrAdd(dst, lhs * rhs, accumulate);
    }
  }

  MatrixMap w_ih_{nullptr, 0, 0}, w_hh_{nullptr, 0, 0};
  VectorMap b_ih_{nullptr, 0}, b_hh_{nullptr, 0};

 private:
  Index num_gates_;
  bool fold_hidden_bias_;
  Matrix gx_;   // G*H × (B*T): W_ih x + b_ih (+ b_hh when folded)
  Matrix hs_;   // H × ((T+1)*B): h_0 .. h_T
  Matrix dgx_;  // G*H × (B*T)
  Matrix dgh_;  // G*H × (T*B)
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
