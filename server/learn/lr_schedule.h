#pragma once
/// Learning-rate decay for the autoencoder jobs without touching the engine's
/// Adam: Adam's step is linear in its learning rate, so scaling the update it
/// made scales the learning rate exactly. The schedule is a pure function of
/// progress, so a run resumed from a checkpoint makes the same updates.
/// Thread-safety: as nn::Optimizer (disjoint ranges of one step may update
/// concurrently); set_scale only between steps.

#include <string>

#include "nn/optimizer.h"

namespace ls::learn {

/// Learning-rate factor at `progress` in [0, 1] of training: 1 for "none";
/// for "cosine" half a cosine from 1 down to a floor of 0.02.
double LrScale(const std::string& decay, double progress);

class ScaledAdam : public nn::Optimizer {
 public:
  explicit ScaledAdam(nn::Adam& adam, nn::Index num_params);
  void set_scale(double s) { scale_ = static_cast<nn::Scalar>(s); }
  void BeginStep() override { adam_.BeginStep(); }
  void Update(nn::Scalar* params, const nn::Scalar* grad, nn::Index lo, nn::Index hi) override;

 private:
  nn::Adam& adam_;
  nn::Vector before_;
  nn::Scalar scale_ = 1;
};

}  // namespace ls::learn
