#pragma once
/// Parallel inference: splits the columns of a batch over `threads` workers,
/// each with its own Executor (evaluation mode), and writes every slice
/// straight into the output matrix, a chunk of columns at a time (memory
/// stays flat in the batch size). Batches too small to be worth a second
/// thread run on the caller alone, so batch-1 latency pays no hand-off.
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
  const Sequential& model_;
  double flops_per_sample_ = 0.0;
  Index chunk_ = 1;  // columns per Executor::Forward
  WorkerPool pool_;
  std::vector<std::unique_ptr<Executor>> execs_;
};

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
