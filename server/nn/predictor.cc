#include "nn/predictor.h"

#include <algorithm>

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {
namespace {

// Below this much work a second thread's wake-up costs more than it saves.
constexpr double kMinParallelFlops = 2e6;
// Columns per forward pass: few enough that a chunk's activations stay in
// L2 between layers, and that memory does not grow with the batch (64 clips
// of the genre CNN would hold ~350 MB at once).
constexpr Index kMaxChunk = 256;
constexpr double kActivationBudgetBytes = 32.0 * 1024 * 1024;

}  // namespace

Predictor::Predictor(const Sequential& model, int threads)
    : model_(model), pool_(std::max(1, threads)) {
  for (int t = 0; t < pool_.size(); ++t) {
    execs_.push_back(std::make_unique<Executor>(model));
    execs_.back()->SetTraining(false);
  }
  for (int i = 0; i < model.num_layers(); ++i) {
    const LayerSpec& s = model.layer(i).spec();
    // Parameters touched per sample is a fair proxy for the work here.
    flops_per_sample_ += 2.0 * static_cast<double>(model.layer(i).NumParams()) *
                         (s.kind == LayerKind::kConv1D ? model.layer(i).OutputShape().cols : 1);
    flops_per_sample_ += static_cast<double>(model.layer(i).InputShape().size());
  }
  const double bytes =
      sizeof(Scalar) * static_cast<double>(model.ActivationSize() + model.CacheSize());
  chunk_ = std::clamp<Index>(static_cast<Index>(kActivationBudgetBytes / bytes), 1, kMaxChunk);
}

void Predictor::Run(const ConstRef& x, Matrix& out) {
  const Index n = x.cols();
  LS_NN_CHECK(x.rows() == model_.InputShape().size());
  out.resize(model_.OutputShape().size(), n);
  const double work = flops_per_sample_ * static_cast<double>(n);
  const int threads = static_cast<int>(std::min<Index>(
      {static_cast<Index>(pool_.size()), n, static_cast<Index>(std::max(1.0, work / kMinParallelFlops))}));
  pool_.Run(threads, [&](int t) {
    const Index lo = n * t / threads, hi = n * (t + 1) / threads;
    for (Index c = lo; c < hi; c += chunk_) {
      const Index m = std::min(chunk_, hi - c);
      out.middleCols(c, m) = execs_[t]->Forward(x.middleCols(c, m));
    }
  });
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
