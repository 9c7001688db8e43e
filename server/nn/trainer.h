#pragma once
/// Mini-batch training of a Sequential model, data-parallel over threads:
/// each step splits the batch into `threads` contiguous slices, every thread
/// runs forward + backward on its slice with its own Executor and gradient
/// vector, then each thread sums the gradients of one range of the flat
/// parameter vector and applies the optimiser to that range.
///
/// A slice whose activations would exceed a fixed budget (48 MiB per worker)
/// runs in chunks whose gradients are summed, so memory does not grow with
/// the batch.
///
/// Repeatable: with the same seed, data and thread count, runs are
/// bit-identical (fixed slices, fixed reduction order, per-step seeds).
/// Thread-safety: a Trainer is used by one caller thread at a time. It owns
/// threads - 1 worker threads (WorkerPool); the caller is worker 0.

#include <cstdint>
#include <memory>
#include <vector>

#include "nn/executor.h"
#include "nn/loss.h"
#include "nn/optimizer.h"
#include "nn/sequential.h"
#include "nn/worker_pool.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

struct TrainerConfig {
  Index batch = 256;
  int threads = 2;       ///< max worker threads per step (fewer for tiny steps)
  bool shuffle = true;   ///< reshuffle the samples every epoch
  uint64_t seed = 0;     ///< shuffling, dropout and noise streams
};

struct EpochStats {
  double loss = 0.0;     ///< mean per-sample loss over the epoch (data term)
  double penalty = 0.0;  ///< mean per-sample activity penalty
  double seconds = 0.0;
  Index samples = 0;
  Index steps = 0;
};

class Trainer {
 public:
  /// The model, loss and optimiser must outlive the trainer; the model must
  /// not gain layers meanwhile.
  Trainer(Sequential& model, const Loss& loss, Optimizer& optimizer, TrainerConfig config);
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  /// One optimisation step with every column of x (targets y) as the batch.
  /// Returns the batch's mean loss (data term + penalty).
  double Step(const ConstRef& x, const ConstRef& y);
  /// One pass over the columns in mini-batches (shuffled if configured; the
  /// last partial batch is kept, as PyTorch's DataLoader does by default).
  EpochStats Epoch(const ConstRef& x, const ConstRef& y);
  /// Mean per-sample loss in evaluation mode, no update.
  double Evaluate(const ConstRef& x, const ConstRef& y);

  const TrainerConfig& config() const { return cfg_; }

 private:
  struct Worker;
  // One step on columns cols[0..n) of x/y (all columns when cols is null).
  double StepOn(const ConstRef& x, const ConstRef& y, const Index* cols, Index n,
                double* penalty);
  Worker& worker(int t);
  // Threads worth using for a step of n samples (1 for tiny models).
  int ThreadsFor(Index n) const;

  Sequential& model_;
  const Loss& loss_;
  Optimizer& opt_;
  TrainerConfig cfg_;
  std::unique_ptr<WorkerPool> pool_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<Index> perm_;
  uint64_t steps_ = 0;
  uint64_t epochs_ = 0;
  double flops_per_sample_ = 0.0;
  Index max_chunk_ = 1;  // samples per forward/backward pass of one worker
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
