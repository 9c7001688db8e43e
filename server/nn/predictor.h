#pragma once
/// Parallel inference: splits the columns of a batch over `threads` workers,
/// each with its own Executor (evaluation mode), and writes every slice
/// straight into the output matrix, a chunk of columns at a time (memory
/// stays flat in the batch size). Batches too small to be worth a second
/// thread run on the caller alone, except one: a single sample whose first
/// layer is a Dense too large for one core's L2 bandwidth (>= 256 KiB of
/// weights, e.g. the autoencoders' 513 x 256) splits that layer's rows over
/// two threads, so each core streams half the weights from its own L2 -
/// but only while the worker is polling for work: waking a sleeping one
/// costs far more than the split saves.
///
/// Thread-safety: one caller at a time (owns a WorkerPool). The model must
/// outlive the predictor and its parameters must not change during Run().

#include <memory>
#include <vector>

#include "nn/executor.h"
#include "nn/sequential.h"
#include "nn/worker_pool.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

class Predictor {
 public:
  Predictor(const Sequential& model, int threads);
  Predictor(const Predictor&) = delete;
  Predictor& operator=(const Predictor&) = delete;

  /// out = model(x), one column per sample.
  void Run(const ConstRef& x, Matrix& out);

 private:
  // Batch-1 path: the first Dense layer split by rows, the rest on thread 0.
  void RunSplitFirst(const ConstRef& x, Matrix& out);

  const Sequential& model_;
  double flops_per_sample_ = 0.0;
  Index chunk_ = 1;  // columns per Executor::Forward
  bool split_first_ = false;
  Matrix first_out_;  // layer 0's output on the batch-1 path
  WorkerPool pool_;
  std::vector<std::unique_ptr<Executor>> execs_;
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
