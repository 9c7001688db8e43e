#include "train_model.h"

#include <numeric>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "learn/ae_training.h"
#include "models/autoencoder.h"
#include "learn/lr_schedule.h"
#include "nn/loss.h"
#include "nn/optimizer.h"
#include "nn/trainer.h"

namespace ls::judge {

std::vector<float> TrainedModel::Encode(const dsp::Spectrogram& spec) {
  const int context = models::ContextFrames(arch);
  const int off = models::CodeOffset(arch, code_size);
  std::vector<int> cols(spec.frames);
  std::iota(cols.begin(), cols.end(), 0);
  nn::Matrix in, code;
  models::AssembleInputs(spec.data.data(), spec.bins, spec.frames, context, cols.data(), spec.frames, &in);
  encoder.Predict(in, code);
  std::vector<float> out(static_cast<size_t>(spec.frames) * code_size);
  for (int t = 0; t < spec.frames; ++t) std::copy_n(code.col(t).data() + off, code_size, &out[size_t(t) * code_size]);
  return out;
}

absl::StatusOr<TrainedModel> TrainDefaultModel(std::vector<learn::SongFeatures> train,
                                               const std::vector<learn::SongFeatures>& heldout,
                                               const models::TrainSettings& settings, int threads,
                                               const std::function<void(const std::string&)>& progress) {
  using namespace ls::models;
  using namespace ls::learn;
  TrainSettings s = settings;
  s.song_ids.clear();
  for (const auto& f : train) s.song_ids.push_back(f.song_id);
  LS_RETURN_IF_ERROR(ValidateTrainSettings(s));
  LS_ASSIGN_OR_RETURN(TrainData d, SplitBySong(std::move(train)));
  Pca pca;
  {
    Eigen::MatrixXf frames = FramesOf(d, d.train);
    LS_ASSIGN_OR_RETURN(pca, Pca::Fit(frames, s.bottleneck));
  }
  LS_ASSIGN_OR_RETURN(BuiltAutoencoder built, BuildAutoencoder(s));
  LS_RETURN_IF_ERROR(InitFromPca(s, pca, &built));
  nn::Adam adam(built.model.NumParams());
  nn::MseLoss loss;
  nn::TrainerConfig tc;
  tc.batch = s.batch;
  tc.threads = threads;
  tc.shuffle = false;  // TrainEpochs shuffles samples across songs, as the job does
  tc.seed = s.seed;
  ScaledAdam scaled(adam, built.model.NumParams());
  nn::Trainer trainer(built.model, loss, scaled, tc);
  TrainedModel out;
  EpochHooks hooks;
  hooks.lr_scale = [&](double f) { scaled.set_scale(f); };
  hooks.after = [&](int e, double tr, double va, double secs) {
    out.train_seconds += secs;
    if (progress) progress(absl::StrCat("epoch ", e, "/", s.epochs, ": train ", tr, " val ", va, " (", secs, " s)"));
    return absl::OkStatus();
  };
  LS_RETURN_IF_ERROR(TrainEpochs(trainer, d, s, 0, hooks));

  // Held-out songs: their lit frames, as the job's validation takes them.
  TrainData h;
  h.songs = heldout;
  for (int i = 0; i < static_cast<int>(h.songs.size()); ++i) {
    for (int f = 0; f < h.songs[i].dark_start; ++f) h.val.push_back({i, f});
  }
  if (h.val.empty()) return absl::InvalidArgumentError("held-out songs: no lit frames to measure on");
  out.heldout_mse = EvaluateSamples(trainer, h, h.val, ContextFrames(s.arch));
  out.pca_heldout_mse = pca.ReconstructionMse(FramesOf(h, h.val));
  LS_ASSIGN_OR_RETURN(out.encoder, built.model.Slice(0, built.code_end));
  out.arch = s.arch;
  out.code_size = s.bottleneck;
  return out;
}

}  // namespace ls::judge
