#include "nn/predictor.h"

#include <algorithm>

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {
namespace {

// Below this much work a second thread's wake-up costs more than it saves.
constexpr double kMinParallelFlops = 2e6;

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
    if (hi > lo) out.middleCols(lo, hi - lo) = execs_[t]->Forward(x.middleCols(lo, hi - lo));
  });
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
