#include "nn/trainer.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <numeric>

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

struct Trainer::Worker {
  explicit Worker(const Sequential& model)
      : exec(model), grad(Vector::Zero(model.NumParams())) {}
  Executor exec;
  Vector grad;
  Matrix xb, yb;  // gathered slice of the shuffled batch
};

namespace {

void Gather(const ConstRef& src, const Index* cols, Index n, Matrix& dst) {
  dst.resize(src.rows(), n);
  const size_t bytes = sizeof(Scalar) * static_cast<size_t>(src.rows());
  for (Index j = 0; j < n; ++j) std::memcpy(dst.col(j).data(), src.col(cols[j]).data(), bytes);
}

// Split [0, n) into `parts` slices; boundaries rounded to 16 scalars so that
// threads updating neighbouring parameter ranges never share a cache line.
Index SliceBegin(Index n, int parts, int t, Index align) {
  if (t >= parts) return n;
  const Index b = n * t / parts;
  return std::min(n, b / align * align);
}

// Rough multiply-add count of one sample's forward pass.
double FlopsPerSample(const Sequential& model) {
  double flops = 0.0;
  for (int i = 0; i < model.num_layers(); ++i) {
    const LayerSpec& s = model.layer(i).spec();
    const Shape out = model.layer(i).OutputShape();
    switch (s.kind) {
      case LayerKind::kDense: flops += 2.0 * s.units_in * s.units_out; break;
      case LayerKind::kConv1D: flops += 2.0 * s.kernel * s.channels_in * out.size(); break;
      case LayerKind::kGru: flops += 6.0 * s.units_out * (s.units_in + s.units_out) * s.length; break;
      case LayerKind::kRnn: flops += 2.0 * s.units_out * (s.units_in + s.units_out) * s.length; break;
      default: flops += static_cast<double>(model.layer(i).InputShape().size()); break;
    }
  }
  return flops;
}

// Below this much work per step a second thread costs more (wake-up and
// barrier, ~10-50 us) than it saves.
constexpr double kMinParallelFlops = 4e6;

// Activations plus their gradients per worker: a slice larger than this is
// run in chunks (gradients summed), so memory stays flat in the batch size.
// 64 clips of the genre CNN would otherwise hold ~700 MB.
constexpr double kActivationBudgetBytes = 48.0 * 1024 * 1024;

}  // namespace

Trainer::Trainer(Sequential& model, const Loss& loss, Optimizer& optimizer,
                 TrainerConfig config)
    : model_(model), loss_(loss), opt_(optimizer), cfg_(config) {
  LS_NN_CHECK(cfg_.batch > 0 && cfg_.threads > 0);
  pool_ = std::make_unique<WorkerPool>(cfg_.threads);
  flops_per_sample_ = FlopsPerSample(model);
  // Per sample: each layer's output and its gradient, the layers' caches and
  // the gradient of the input (recurrent layers compute it anyway).
  const double bytes =
      sizeof(Scalar) * static_cast<double>(2 * model.ActivationSize() + model.CacheSize() +
                                           model.InputShape().size());
  max_chunk_ = std::max<Index>(1, static_cast<Index>(kActivationBudgetBytes / bytes));
}

int Trainer::ThreadsFor(Index n) const {
  const double work = flops_per_sample_ * static_cast<double>(n);
  const int useful = static_cast<int>(std::max(1.0, work / kMinParallelFlops));
  return static_cast<int>(std::min<Index>({cfg_.threads, n, useful}));
}

Trainer::~Trainer() = default;

Trainer::Worker& Trainer::worker(int t) {
  if (workers_.size() <= static_cast<size_t>(t)) workers_.resize(t + 1);
  if (!workers_[t]) workers_[t] = std::make_unique<Worker>(model_);
  return *workers_[t];
}

double Trainer::Step(const ConstRef& x, const ConstRef& y) {
  double penalty = 0.0;
  const double loss = StepOn(x, y, nullptr, x.cols(), &penalty);
  return loss + penalty;
}

double Trainer::StepOn(const ConstRef& x, const ConstRef& y, const Index* cols, Index n,
                       double* penalty) {
  LS_NN_CHECK(n > 0 && x.cols() == y.cols());
  LS_NN_CHECK(x.rows() == model_.InputShape().size());
  LS_NN_CHECK(y.rows() == model_.OutputShape().size());
  const int threads = ThreadsFor(n);
  for (int t = 0; t < threads; ++t) worker(t);
  // The autoencoder case: targets are the inputs, gather them once.
  const bool same = x.data() == y.data() && x.rows() == y.rows() &&
                    x.outerStride() == y.outerStride();
  const Scalar scale = Scalar(1) / static_cast<Scalar>(n);
  const Index num_params = model_.NumParams();
  Scalar* params = model_.params().data();
  std::vector<double> losses(threads, 0.0), penalties(threads, 0.0);
  opt_.BeginStep();
  ++steps_;
  // Phase 1: forward + backward of each thread's slice of the batch, in
  // chunks of at most max_chunk_ samples.
  pool_->Run(threads, [&](int t) {
    Worker& w = *workers_[t];
    const Index lo = n * t / threads, hi = n * (t + 1) / threads;
    w.exec.SetTraining(true);
    w.exec.Reseed(MixSeed(cfg_.seed, steps_, static_cast<uint64_t>(t)));
    for (Index c = lo; c < hi; c += max_chunk_) {
      const Index m = std::min(max_chunk_, hi - c);
      if (cols != nullptr) {
        Gather(x, cols + c, m, w.xb);
        if (!same) Gather(y, cols + c, m, w.yb);
        const Matrix& target = same ? w.xb : w.yb;
        const Matrix& out = w.exec.Forward(w.xb);
        losses[t] += loss_.Evaluate(out, target, scale, &w.exec.OutputGrad());
      } else {
        const Matrix& out = w.exec.Forward(x.middleCols(c, m));
        losses[t] += loss_.Evaluate(out, y.middleCols(c, m), scale, &w.exec.OutputGrad());
      }
      penalties[t] += w.exec.Backward(scale, w.grad.data(), nullptr, /*accumulate=*/c > lo);
    }
  });
  // Phase 2: each thread sums the gradients of one parameter range and
  // updates that range.
  pool_->Run(threads, [&](int t) {
    const Index plo = SliceBegin(num_params, threads, t, 16);
    const Index phi = SliceBegin(num_params, threads, t + 1, 16);
    if (phi <= plo) return;
    auto g0 = workers_[0]->grad.segment(plo, phi - plo);
    for (int s = 1; s < threads; ++s) g0 += workers_[s]->grad.segment(plo, phi - plo);
    opt_.Update(params, workers_[0]->grad.data(), plo, phi);
  });
  if (penalty != nullptr) *penalty = std::accumulate(penalties.begin(), penalties.end(), 0.0);
  return std::accumulate(losses.begin(), losses.end(), 0.0);
}

EpochStats Trainer::Epoch(const ConstRef& x, const ConstRef& y) {
  const auto start = std::chrono::steady_clock::now();
  const Index n = x.cols();
  LS_NN_CHECK(n > 0 && y.cols() == n);
  perm_.resize(static_cast<size_t>(n));
  std::iota(perm_.begin(), perm_.end(), Index{0});
  ++epochs_;
  if (cfg_.shuffle) {
    Rng rng(MixSeed(cfg_.seed, epochs_, 0xe60c));
    for (Index i = n - 1; i > 0; --i) std::swap(perm_[i], perm_[rng.Below(i + 1)]);
  }
  EpochStats st;
  for (Index i = 0; i < n; i += cfg_.batch) {
    const Index nb = std::min(cfg_.batch, n - i);
    double pen = 0.0;
    st.loss += StepOn(x, y, perm_.data() + i, nb, &pen) * static_cast<double>(nb);
    st.penalty += pen * static_cast<double>(nb);
    ++st.steps;
  }
  st.samples = n;
  st.loss /= static_cast<double>(n);
  st.penalty /= static_cast<double>(n);
  st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return st;
}

double Trainer::Evaluate(const ConstRef& x, const ConstRef& y) {
  const Index n = x.cols();
  LS_NN_CHECK(n > 0 && y.cols() == n);
  const int threads = static_cast<int>(std::min<Index>(cfg_.threads, n));
  for (int t = 0; t < threads; ++t) worker(t);
  std::vector<double> sums(threads, 0.0);
  const Index chunk = std::min(std::max<Index>(cfg_.batch, 1024), max_chunk_);
  pool_->Run(threads, [&](int t) {
    Worker& w = *workers_[t];
    w.exec.SetTraining(false);
    const Index lo = n * t / threads, hi = n * (t + 1) / threads;
    for (Index i = lo; i < hi; i += chunk) {
      const Index m = std::min(chunk, hi - i);
      const Matrix& out = w.exec.Forward(x.middleCols(i, m));
      sums[t] += loss_.Evaluate(out, y.middleCols(i, m), Scalar(1), nullptr);
    }
  });
  return std::accumulate(sums.begin(), sums.end(), 0.0) / static_cast<double>(n);
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
