// f. cnn1d — the peer's cnn1d_stage(): raw-waveform genre CNN on clips of
// the songs decimated by 8 (plain striding), label = song index; Adam 1e-3,
// softmax cross-entropy; fresh random clips every step, `warmup` untimed
// steps, then `steps` timed ones (gathering clips is outside the timing, as
// in the peer). Inference: forward passes over the last batch.
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

absl::StatusOr<Json> Cnn1dStage(const std::vector<Song>& songs, int clip_len, int batch,
                                int steps, int warmup, int threads) {
  constexpr int kDecimation = 8;
  std::vector<std::vector<float>> dec;
  std::vector<size_t> lengths;
  for (const Song& s : songs) {
    std::vector<float> d;
    d.reserve(s.x.size() / kDecimation + 1);
    for (size_t i = 0; i < s.x.size(); i += kDecimation) d.push_back(s.x[i]);
    if (d.size() < static_cast<size_t>(clip_len)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cnn1d: ", s.path, " is too short: ", d.size(), " samples after decimation by 8, need ",
          clip_len, " (skip the stage with --skip cnn1d)"));
    }
    lengths.push_back(d.size());
    dec.push_back(std::move(d));
  }
  const int classes = std::max<int>(2, static_cast<int>(songs.size()));
  absl::StatusOr<nn::Sequential> model = nn::BuildGenreCnn(classes, clip_len, 10, kSeed);
  if (!model.ok()) return model.status();
  nn::SoftmaxCrossEntropyLoss loss;
  nn::Adam adam(model->NumParams(), nn::AdamConfig{1e-3});
  // Owned, so its per-thread activations are freed before inference.
  auto trainer = std::make_unique<nn::Trainer>(*model, loss, adam,
                                               nn::TrainerConfig{batch, threads, false, kSeed});
  nn::Rng rng(kSeed);
  nn::Matrix x(clip_len, batch), y(classes, batch);
  std::vector<double> times, fwd_times, losses;
  for (int i = 0; i < warmup + steps; ++i) {
    y.setZero();
    const std::vector<ClipPick> picks = PickClips(lengths, clip_len, batch, rng);
    for (int b = 0; b < batch; ++b) {
      const float* src = dec[picks[b].song].data() + picks[b].start;
      std::copy(src, src + clip_len, x.col(b).data());
      y(picks[b].song, b) = 1.0f;
    }
    const double t0 = Now();
    const double l = trainer->Step(x, y);
    const double dt = Now() - t0;
    if (i >= warmup) {
      times.push_back(dt);
      losses.push_back(l);
    }
  }
  trainer.reset();
  nn::Predictor predictor(*model, threads);
  nn::Matrix out;
  for (int i = 0; i < std::max(1, steps / 2); ++i) {
    const double t0 = Now();
    predictor.Run(x, out);
    fwd_times.push_back(Now() - t0);
  }
  Json j;
  j["clip_len"] = clip_len;
  j["decimation"] = kDecimation;
  j["batch"] = batch;
  j["classes"] = classes;
  j["params"] = model->NumParams();
  AddClipTimings(times, fwd_times, batch, j);
  j["losses"] = losses;
  return j;
}

}  // namespace ls::bench
