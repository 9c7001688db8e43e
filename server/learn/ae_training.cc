#include "learn/ae_training.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <numeric>
#include <random>

#include "dsp/stft.h"
#include "models/autoencoder.h"
#include "learn/lr_schedule.h"

namespace ls::learn {
namespace {

// Inputs (with time context) and targets (the centre frame) of samples[idx[i]].
void FillBatch(const TrainData& d, const std::vector<Sample>& samples, const size_t* idx, int n,
               int context, nn::Matrix* x, nn::Matrix* y) {
  const int bins = dsp::kBins;
  x->resize(static_cast<nn::Index>(bins) * context, n);
  y->resize(bins, n);
  nn::Matrix one;
  for (int j = 0; j < n; ++j) {
    const Sample& s = samples[idx ? idx[j] : j];
    const dsp::Spectrogram& spec = d.songs[s.song].spec;
    models::AssembleInputs(spec.data.data(), bins, spec.frames, context, &s.frame, 1, &one);
    x->col(j) = one.col(0);
    std::memcpy(y->col(j).data(), spec.row(s.frame), sizeof(float) * bins);
  }
}

}  // namespace

absl::StatusOr<TrainData> SplitBySong(std::vector<SongFeatures> songs) {
  TrainData d;
  d.songs = std::move(songs);
  const int n = static_cast<int>(d.songs.size());
  if (n == 0) return absl::InvalidArgumentError("songs: no songs to train on");
  if (n >= 2) {
    d.val_songs = std::max(1, n / 5);
    d.train_songs = n - d.val_songs;
    for (int i = 0; i < n; ++i) {
      auto& out = i < d.train_songs ? d.train : d.val;
      for (int f = 0; f < d.songs[i].dark_start; ++f) out.push_back({i, f});
    }
  } else {
    const int lit = d.songs[0].dark_start;
    const int cut = lit * 4 / 5;
    for (int f = 0; f < lit; ++f) (f < cut ? d.train : d.val).push_back({0, f});
    d.train_songs = 1;
    d.note = "one song: validation is its last 20 % (a time split, not held-out music)";
  }
  if (d.train.empty() || d.val.empty()) {
    return absl::InvalidArgumentError("songs: too little audio to train on after trimming the dark end");
  }
  return d;
}

Eigen::MatrixXf FramesOf(const TrainData& d, const std::vector<Sample>& samples) {
  Eigen::MatrixXf out(dsp::kBins, samples.size());
  for (size_t j = 0; j < samples.size(); ++j) {
    const Sample& smp = samples[j];
    std::memcpy(out.col(j).data(), d.songs[smp.song].spec.row(smp.frame), sizeof(float) * dsp::kBins);
  }
  return out;
}

double EvaluateSamples(nn::Trainer& trainer, const TrainData& d, const std::vector<Sample>& samples,
                       int context) {
  double sum = 0;
  nn::Matrix x, y;
  const int chunk = 4096;
  for (size_t i = 0; i < samples.size(); i += chunk) {
    const int n = static_cast<int>(std::min<size_t>(chunk, samples.size() - i));
    std::vector<size_t> idx(n);
    std::iota(idx.begin(), idx.end(), i);
    FillBatch(d, samples, idx.data(), n, context, &x, &y);
    sum += trainer.Evaluate(x, y) * n;
  }
  return samples.empty() ? 0 : sum / samples.size();
}

absl::Status TrainEpochs(nn::Trainer& trainer, const TrainData& d, const models::TrainSettings& s,
                         int start, const EpochHooks& hooks) {
  const int context = models::ContextFrames(s.arch);
  std::vector<size_t> perm(d.train.size());
  nn::Matrix x, y;
  for (int epoch = start; epoch < s.epochs; ++epoch) {
    auto t0 = std::chrono::steady_clock::now();
    std::iota(perm.begin(), perm.end(), size_t{0});
    std::mt19937_64 rng(s.seed * 7919 + epoch);
    std::shuffle(perm.begin(), perm.end(), rng);
    std::normal_distribution<double> noise(0.0, s.denoise > 0 ? s.denoise : 1.0);
    double sum = 0;
    for (size_t i = 0; i < perm.size(); i += s.batch) {
      if (hooks.stop && hooks.stop()) return absl::CancelledError("stopped");
      const int n = static_cast<int>(std::min<size_t>(s.batch, perm.size() - i));
      if (hooks.lr_scale) {
        hooks.lr_scale(LrScale(s.lr_decay, (epoch + double(i) / perm.size()) / s.epochs));
      }
      FillBatch(d, d.train, perm.data() + i, n, context, &x, &y);
      if (s.denoise > 0) {
        for (nn::Index k = 0; k < x.size(); ++k) x.data()[k] += static_cast<float>(noise(rng));
      }
      sum += trainer.Step(x, y) * n;
    }
    const double train_loss = sum / perm.size();
    const double val_loss = EvaluateSamples(trainer, d, d.val, context);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (hooks.after) {
      absl::Status st = hooks.after(epoch + 1, train_loss, val_loss, secs);
      if (!st.ok()) return st;
    }
  }
  if (hooks.stop && hooks.stop()) return absl::CancelledError("stopped");
  return absl::OkStatus();
}

}  // namespace ls::learn
