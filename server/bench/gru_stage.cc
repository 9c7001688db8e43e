// g. gru — the peer's gru_stage(): EpyNN "author_music" preprocessing (16
// levels, decimated by int(sr/10000)), one-hot sequences of `seq_len` steps,
// GRU(hidden) with the "epynn" head (all steps → Dense(64) → ReLU →
// Dropout → Dense(2)) and the "last" head (last state → Dense(2)); softmax
// output, MSE against the one-hot label (song 0 = "true author"), plain SGD
// lr 0.01. One-hot encoding is outside the timed step, as in the peer.
#include <memory>

#include "absl/strings/str_cat.h"
#include "bench/clips.h"
#include "bench/stages.h"
#include "bench/stats.h"
#include "nn/loss.h"
#include "nn/optimizer.h"
#include "nn/predictor.h"
#include "nn/trainer.h"

namespace ls::bench {
namespace {

constexpr int kLevels = 16;

absl::StatusOr<Json> RunHead(const std::vector<std::vector<int>>& q,
                             const std::vector<size_t>& lengths, nn::GruHead head, int seq_len,
                             int hidden, int batch, int steps, int warmup, int threads) {
  absl::StatusOr<nn::Sequential> model =
      nn::BuildGruClassifier(seq_len, hidden, head, kLevels, kSeed);
  if (!model.ok()) return model.status();
  nn::MseLoss loss;
  nn::Sgd sgd(model->NumParams(), nn::SgdConfig{0.01, 0.0});
  // Owned, so its per-thread activations are freed before inference.
  auto trainer = std::make_unique<nn::Trainer>(*model, loss, sgd,
                                               nn::TrainerConfig{batch, threads, false, kSeed});
  nn::Rng rng(kSeed);
  nn::Matrix x(static_cast<nn::Index>(kLevels) * seq_len, batch), y(2, batch);
  std::vector<double> times, fwd;
  for (int i = 0; i < warmup + steps; ++i) {
    y.setZero();
    const std::vector<ClipPick> picks = PickClips(lengths, seq_len, batch, rng);
    for (int b = 0; b < batch; ++b) {
      nn::OneHotColumn(q[picks[b].song].data() + picks[b].start, seq_len, kLevels, x, b);
      y(picks[b].song != 0 ? 1 : 0, b) = 1.0f;
    }
    const double t0 = Now();
    trainer->Step(x, y);
    const double dt = Now() - t0;
    if (i >= warmup) times.push_back(dt);
  }
  trainer.reset();
  nn::Predictor predictor(*model, threads);
  nn::Matrix out;
  for (int i = 0; i < 2; ++i) {
    const double t0 = Now();
    predictor.Run(x, out);
    fwd.push_back(Now() - t0);
  }
  Json j;
  j["params"] = model->NumParams();
  AddClipTimings(times, fwd, batch, j);
  return j;
}

}  // namespace

absl::StatusOr<Json> GruStage(std::vector<Song>& songs, int seq_len, int hidden, int batch,
                              int steps, int warmup, int threads) {
  std::vector<std::vector<int>> q;
  std::vector<size_t> lengths;
  for (const Song& s : songs) {
    q.push_back(nn::EpynnQuantise(s.x.data(), s.x.size(), s.sr, kLevels));
    if (q.back().size() < static_cast<size_t>(seq_len)) {
      return absl::InvalidArgumentError(absl::StrCat("gru: ", s.path, " is too short: ",
                                                     q.back().size(), " quantised steps, need ",
                                                     seq_len, " (skip with --skip gru)"));
    }
    lengths.push_back(q.back().size());
  }
  const int sr0 = songs[0].sr;
  for (Song& s : songs) std::vector<float>().swap(s.x);  // keeps the peak RSS down
  Json res;
  res["seq_len"] = seq_len;
  res["hidden"] = hidden;
  res["batch"] = batch;
  res["decimation"] = static_cast<int>(sr0 / 10000);
  res["levels"] = kLevels;
  for (auto [name, head] : {std::pair{"epynn", nn::GruHead::kEpynn},
                            std::pair{"last", nn::GruHead::kLast}}) {
    absl::StatusOr<Json> h =
        RunHead(q, lengths, head, seq_len, hidden, batch, steps, warmup, threads);
    if (!h.ok()) return h.status();
    res[name] = std::move(*h);
  }
  return res;
}

}  // namespace ls::bench
