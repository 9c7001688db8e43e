#pragma once
/// Layer interface (mlpack-ann style). A layer's parameters live in ONE flat
/// vector owned by the model: Bind() points the layer's Eigen::Map views into
/// it, and Gradient() writes into the same layout of a gradient vector, so one
/// optimiser update covers the whole model.
///
/// Thread-safety: a layer may cache intermediate values between Forward and
/// Backward (dropout mask, GRU gates), so one layer object serves one thread.
/// Parallel training clones layers (Clone() keeps the binding to the shared
/// parameters) and gives every thread its own gradient vector.

#include <memory>
#include <string>
#include <vector>

#include "nn/layer_spec.h"
#include "nn/rng.h"
#include "nn/tensor.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

/// One named parameter tensor of a layer (column-major rows × cols block in
/// the flat vector, in the order Params() lists them).
struct ParamInfo {
  std::string name;
  Index rows = 0;
  Index cols = 1;
  Index size() const { return rows * cols; }
};

/// dst = src, or dst += src when accumulating (Gradient of a chunked batch);
/// both forms let Eigen write a product straight into dst.
template <typename Dst, typename Src>
void AssignOrAdd(Dst&& dst, const Src& src, bool accumulate) {
  if (accumulate) {
    dst.noalias() += src;
  } else {
    dst.noalias() = src;
  }
}

class Layer {
 public:
  explicit Layer(const LayerSpec& spec) : spec_(spec) {}
  virtual ~Layer() = default;

  const LayerSpec& spec() const { return spec_; }
  LayerKind kind() const { return spec_.kind; }

  /// Per-sample input and output shapes; a batch has shape.size() rows.
  virtual Shape InputShape() const = 0;
  virtual Shape OutputShape() const = 0;

  /// Parameter tensors in flat-vector order (empty for parameter-free layers).
  virtual std::vector<ParamInfo> Params() const { return {}; }
  Index NumParams() const;

  /// Points the weights at `params` (NumParams() scalars that outlive the layer).
  virtual void Bind(Scalar* params) { (void)params; }
  /// Fills the bound parameters with the default initialisation (PyTorch's:
  /// U(-1/sqrt(fan_in), 1/sqrt(fan_in))).
  virtual void Initialize(Rng& rng) { (void)rng; }

  /// out = f(in). `in` has InputShape().size() rows, one column per sample.
  virtual void Forward(const ConstRef& in, Matrix& out) = 0;
  /// dIn = (d out / d in)^T dOut, given the `in` and `out` of the last Forward.
  virtual void Backward(const ConstRef& in, const ConstRef& out,
                        const ConstRef& dOut, Matrix& dIn) = 0;
  /// Writes d loss / d params (NumParams() scalars, Params() layout, summed
  /// over the batch) to dParams, overwriting it, or adding to it with
  /// `accumulate` (a batch run in chunks).
  virtual void Gradient(const ConstRef& in, const ConstRef& dOut, Scalar* dParams,
                        bool accumulate) {
    (void)in, (void)dOut, (void)dParams, (void)accumulate;
  }
  /// True when Gradient() relies on state computed by Backward() (recurrent
  /// layers run back-propagation through time once, in Backward).
  virtual bool GradientNeedsBackward() const { return false; }
  /// Scalars cached per sample between Forward and Backward besides the
  /// output (e.g. GRU gates): counted when sizing memory-bounded chunks.
  virtual Index CacheSizePerSample() const { return 0; }

  /// A copy bound to the same parameters, with its own caches.
  virtual std::unique_ptr<Layer> Clone() const = 0;

  /// Training mode enables dropout and input noise.
  void SetTraining(bool training) { training_ = training; }
  bool training() const { return training_; }
  /// Seeds the layer's own random stream (stochastic layers only).
  void Reseed(uint64_t seed) { rng_.Seed(seed); }

 protected:
  LayerSpec spec_;
  bool training_ = false;
  Rng rng_;
};

/// Builds a layer from a complete spec (CheckLayerSpec must pass).
std::unique_ptr<Layer> MakeLayer(const LayerSpec& spec);

/// Fills `m` with U(-bound, bound).
void FillUniform(Rng& rng, Scalar bound, Scalar* data, Index n);

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
