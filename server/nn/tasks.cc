#include "nn/tasks.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "nn/loss.h"
#include "nn/optimizer.h"
#include "nn/trainer.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

absl::StatusOr<DenseAutoencoder> BuildDenseAutoencoder(const DenseAeSpec& s, uint64_t seed) {
  if (s.input <= 0 || s.code <= 0) return absl::InvalidArgumentError("autoencoder: sizes must be > 0");
  DenseAutoencoder ae{Sequential(seed), 0};
  Sequential& m = ae.model;
  if (s.input_noise > 0) LS_RETURN_IF_ERROR(m.Add(spec::GaussianNoise(s.input_noise, s.input)));
  int prev = s.input;
  for (int h : s.hidden) {
    LS_RETURN_IF_ERROR(m.Add(spec::Dense(prev, h)));
    LS_RETURN_IF_ERROR(m.Add(spec::Relu()));
    prev = h;
  }
  LayerSpec code = spec::Dense(prev, s.code);
  code.activity_l1 = s.code_l1;
  LS_RETURN_IF_ERROR(m.Add(code));
  ae.code_layer = m.num_layers() - 1;
  prev = s.code;
  for (auto it = s.hidden.rbegin(); it != s.hidden.rend(); ++it) {
    LS_RETURN_IF_ERROR(m.Add(spec::Dense(prev, *it)));
    LS_RETURN_IF_ERROR(m.Add(spec::Relu()));
    prev = *it;
  }
  LS_RETURN_IF_ERROR(m.Add(spec::Dense(prev, s.input)));
  LS_RETURN_IF_ERROR(m.Add(spec::Sigmoid()));
  return ae;
}

absl::StatusOr<DenseAeResult> TrainDenseAutoencoder(const ConstRef& frames,
                                                    const DenseAeConfig& cfg) {
  if (frames.rows() != cfg.spec.input) {
    return absl::InvalidArgumentError(absl::StrCat(
        "autoencoder: frames have ", frames.rows(), " bins, the model expects ", cfg.spec.input));
  }
  if (frames.cols() == 0) return absl::InvalidArgumentError("autoencoder: no frames");
  if (cfg.epochs <= 0 || cfg.batch <= 0 || cfg.threads <= 0 || !(cfg.lr > 0)) {
    return absl::InvalidArgumentError("autoencoder: epochs, batch, threads and lr must be > 0");
  }
  auto ae = BuildDenseAutoencoder(cfg.spec, cfg.seed);
  if (!ae.ok()) return ae.status();
  DenseAeResult res;
  res.ae = std::move(*ae);
  Sequential& model = res.ae.model;
  MseLoss mse;
  Adam adam(model.NumParams(), AdamConfig{cfg.lr});
  Trainer trainer(model, mse, adam, TrainerConfig{cfg.batch, cfg.threads, true, cfg.seed});
  const auto start = std::chrono::steady_clock::now();
  double best = 1e300;
  for (int e = 0; e < cfg.epochs; ++e) {
    const EpochStats st = trainer.Epoch(frames, frames);
    res.epoch_loss.push_back(st.loss + st.penalty);
    res.epoch_seconds.push_back(st.seconds);
    res.steps += st.steps;
    best = std::min(best, st.seconds);
  }
  res.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  res.n_samples = frames.cols();
  res.samples_per_s = cfg.epochs * static_cast<double>(frames.cols()) / res.wall_s;
  res.samples_per_s_best_epoch = static_cast<double>(frames.cols()) / best;
  if (cfg.final_full_pass) res.final_full_pass_mse = trainer.Evaluate(frames, frames);
  return res;
}

absl::StatusOr<Sequential> BuildGenreCnn(int classes, int clip_len, int channels, uint64_t seed) {
  if (classes < 2 || clip_len <= 0 || channels <= 0) {
    return absl::InvalidArgumentError("genre cnn: need classes >= 2, clip_len > 0, channels > 0");
  }
  Sequential m(seed);
  LS_RETURN_IF_ERROR(m.Add(spec::Conv1D(1, channels, 9, 1, 4, clip_len)));
  for (int block = 0; block < 4; ++block) {
    if (block > 0) LS_RETURN_IF_ERROR(m.Add(spec::Conv1D(0, channels, 9, 1, 4)));
    LS_RETURN_IF_ERROR(m.Add(spec::Relu()));
    LS_RETURN_IF_ERROR(m.Add(spec::MaxPool1D(16, 16, 4)));
  }
  LS_RETURN_IF_ERROR(m.Add(spec::Flatten()));
  LS_RETURN_IF_ERROR(m.Add(spec::Dense(0, classes)));
  return m;
}

absl::StatusOr<Sequential> BuildGruClassifier(int seq_len, int hidden, GruHead head, int levels,
                                              uint64_t seed) {
  if (seq_len <= 0 || hidden <= 0 || levels <= 0) {
    return absl::InvalidArgumentError("gru classifier: sizes must be > 0");
  }
  Sequential m(seed);
  LS_RETURN_IF_ERROR(m.Add(spec::Gru(levels, hidden, head == GruHead::kEpynn, seq_len)));
  if (head == GruHead::kEpynn) {
    LS_RETURN_IF_ERROR(m.Add(spec::Flatten()));
    LS_RETURN_IF_ERROR(m.Add(spec::Dense(0, 64)));
    LS_RETURN_IF_ERROR(m.Add(spec::Relu()));
    LS_RETURN_IF_ERROR(m.Add(spec::Dropout(0.5f)));
  }
  LS_RETURN_IF_ERROR(m.Add(spec::Dense(0, 2)));
  LS_RETURN_IF_ERROR(m.Add(spec::Softmax()));
  return m;
}

std::vector<int> EpynnQuantise(const float* samples, size_t n, int sample_rate, int levels,
                               int target_rate) {
  std::vector<int> out;
  const int step = target_rate > 0 ? sample_rate / target_rate : 0;
  if (n == 0 || levels < 2 || step <= 0) return out;
  double lo = samples[0], hi = samples[0];
  for (size_t i = 1; i < n; ++i) {
    lo = std::min<double>(lo, samples[i]);
    hi = std::max<double>(hi, samples[i]);
  }
  const double range = hi - lo;
  std::vector<double> bins(static_cast<size_t>(levels));
  for (int k = 0; k < levels; ++k) bins[k] = static_cast<double>(k) / (levels - 1);
  out.reserve(n / static_cast<size_t>(step) + 1);
  for (size_t i = 0; i < n; i += static_cast<size_t>(step)) {
    const double x = range > 0 ? (static_cast<double>(samples[i]) - lo) / range : 0.0;
    // right=True: the first k with x <= bins[k] (levels if none).
    out.push_back(static_cast<int>(std::lower_bound(bins.begin(), bins.end(), x) - bins.begin()));
  }
  return out;
}

void OneHotColumn(const int* symbols, Index steps, int levels, Matrix& x, Index col) {
  LS_NN_CHECK(x.rows() == steps * levels && col < x.cols());
  auto c = x.col(col);
  c.setZero();
  for (Index t = 0; t < steps; ++t) {
    if (symbols[t] >= 0 && symbols[t] < levels) c[t * levels + symbols[t]] = Scalar(1);
  }
}

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
