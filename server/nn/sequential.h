#pragma once
/// A feed-forward stack of layers whose parameters live in one flat vector.
///
/// Valid once built: Add() checks every layer against the previous one's
/// output shape (filling in 0 sizes from it) and initialises the new layer's
/// parameters from the model seed, so a model is always runnable.
///
/// Thread-safety: const methods are safe to call concurrently; Predict() and
/// the mutators are not (Predict reuses internal buffers). For concurrent
/// inference or training make one Executor per thread.

#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nn/layer.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Executor;

class Sequential {
 public:
  /// `seed` drives parameter initialisation (layer i uses MixSeed(seed, i)).
  explicit Sequential(uint64_t seed = 0);
  ~Sequential();
  Sequential(Sequential&&) noexcept;
  Sequential& operator=(Sequential&&) noexcept;
  Sequential(const Sequential&) = delete;
  Sequential& operator=(const Sequential&) = delete;

  /// Appends a layer. Zero size fields are inferred from the previous layer's
  /// output shape (the first layer must be complete). INVALID_ARGUMENT when
  /// the spec is incomplete or does not fit the previous layer.
  absl::Status Add(LayerSpec spec);

  int num_layers() const { return static_cast<int>(layers_.size()); }
  const Layer& layer(int i) const { return *layers_[i]; }
  Layer& layer(int i) { return *layers_[i]; }
  Shape InputShape() const;
  Shape OutputShape() const;
  /// Scalars of all layer outputs for one sample, and of the layers' own
  /// caches (e.g. GRU gates): what an Executor holds per batch column. They
  /// size the chunks that keep memory flat in the batch.
  Index ActivationSize() const;
  Index CacheSize() const;

  /// The flat parameter vector (layer i's block starts at ParamOffset(i)).
  const Vector& params() const { return params_; }
  Vector& params() { return params_; }
  Index NumParams() const { return params_.size(); }
  Index ParamOffset(int i) const { return offsets_[i]; }

  /// Independent copy with the same parameters.
  Sequential Clone() const;
  /// Layers [begin, end) with copies of their parameters (e.g. the encoder
  /// half of an autoencoder). INVALID_ARGUMENT for an empty or bad range.
  absl::StatusOr<Sequential> Slice(int begin, int end) const;

  /// out = model(in) in evaluation mode (dropout and noise off). Reuses an
  /// internal executor: no allocation once sizes repeat. Not thread-safe.
  void Predict(const ConstRef& in, Matrix& out);

 private:
  void Rebind();

  uint64_t seed_ = 0;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Index> offsets_;
  Vector params_;
  std::unique_ptr<Executor> predictor_;
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
