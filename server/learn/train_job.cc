#include "learn/train_job.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/files.h"
#include "common/status_macros.h"
#include "learn/epoch_checkpoint.h"
#include "learn/ae_training.h"
#include "models/autoencoder.h"
#include "models/learned_model.h"
#include "learn/lr_schedule.h"
#include "models/pca.h"
#include "learn/song_features.h"
#include "nn/loss.h"
#include "nn/model_file.h"
#include "nn/optimizer.h"
#include "nn/trainer.h"

namespace ls::learn {
namespace {

absl::StatusOr<TrainData> LoadData(jobs::JobContext& ctx, const TrainEnv& env, const models::TrainSettings& s) {
  std::string end_model;
  LS_ASSIGN_OR_RETURN(auto end, MakeEndDetector(s.trim_end, env.models, env.data_dir + "/models", &end_model));
  std::vector<SongFeatures> songs;
  for (const auto& id : s.song_ids) {
    if (ctx.StopRequested()) return absl::CancelledError("stopped");
    LS_ASSIGN_OR_RETURN(SongFeatures f, LoadSongFeatures(*env.blobs, id, s.hop, end.get()));
    songs.push_back(std::move(f));
  }
  LS_ASSIGN_OR_RETURN(TrainData d, SplitBySong(std::move(songs)));
  if (!end_model.empty()) {
    d.note = "trim-end auto: end detector " + end_model + (d.note.empty() ? "" : "; " + d.note);
  }
  return d;
}

}  // namespace

absl::StatusOr<std::string> RunTrainingJob(jobs::JobContext& ctx, const TrainEnv& env) {
  const jobs::JobRecord& job = ctx.job();
  LS_ASSIGN_OR_RETURN(models::TrainSettings s, models::SettingsFromText(job.params));
  LS_RETURN_IF_ERROR(models::ValidateTrainSettings(s));
  LS_ASSIGN_OR_RETURN(TrainData d, LoadData(ctx, env, s));
  std::string notes = d.note;  // the job's message: kept whole when a line is added
  if (!notes.empty()) ctx.Note(notes).IgnoreError();
  const int context = models::ContextFrames(s.arch);

  // The linear bar: PCA with as many components, on the same training frames
  // (fitted first: the residual architecture starts from it).
  models::Pca pca;
  {
    Eigen::MatrixXf train_frames = FramesOf(d, d.train);
    LS_ASSIGN_OR_RETURN(pca, models::Pca::Fit(train_frames, s.bottleneck));
  }
  LS_ASSIGN_OR_RETURN(models::BuiltAutoencoder built, models::BuildAutoencoder(s));
  LS_RETURN_IF_ERROR(models::InitFromPca(s, pca, &built));
  // Resume: weights and Adam's moments from the last finished epoch.
  const EpochCheckpoint ckpt(env.data_dir, job.id);
  nn::Adam adam(built.model.NumParams());
  const int start = ckpt.Restore(ctx, s.epochs, &built.model, &adam);
  nn::Sequential& model = built.model;
  nn::MseLoss loss;
  nn::TrainerConfig tc;
  tc.batch = s.batch;
  tc.threads = env.threads;
  tc.shuffle = false;  // we shuffle samples across songs ourselves
  tc.seed = s.seed;
  ScaledAdam scaled(adam, model.NumParams());
  nn::Trainer trainer(model, loss, scaled, tc);

  double spent = 0;
  EpochHooks hooks;
  hooks.stop = [&] { return ctx.StopRequested(); };
  hooks.lr_scale = [&](double f) { scaled.set_scale(f); };
  hooks.after = [&](int epoch, double train_loss, double val_loss, double secs) -> absl::Status {
    LS_RETURN_IF_ERROR(ckpt.Save(epoch, model, adam));
    spent += secs;
    const double eta = spent / (epoch - start) * (s.epochs - epoch);
    return ctx.Report(epoch, train_loss, val_loss, eta);
  };
  LS_RETURN_IF_ERROR(TrainEpochs(trainer, d, s, start, hooks));
  // Training speed on this machine (epochs including their validation pass);
  // not after a resume, whose message may already say how it resumed.
  if (spent > 0 && start == 0) {
    const double rate = static_cast<double>(d.train.size()) * (s.epochs - start) / spent;
    notes = absl::StrCat(notes, notes.empty() ? "" : "; ", d.train.size(), " training frames, ",
                         static_cast<int64_t>(rate), " samples/s");
    ctx.Note(notes).IgnoreError();
  }

  Eigen::MatrixXf val_frames = FramesOf(d, d.val);

  models::ModelRecord rec;
  rec.id = absl::StrCat(s.arch, "-", job.id.substr(job.id.find('-') + 1));
  rec.job_id = job.id;
  rec.arch = s.arch;
  rec.settings = models::SettingsToText(s);
  rec.train_mse = EvaluateSamples(trainer, d, d.train, context);
  rec.val_mse = EvaluateSamples(trainer, d, d.val, context);
  rec.pca_val_mse = pca.ReconstructionMse(val_frames);
  rec.train_songs = d.train_songs;
  rec.val_songs = d.val_songs;
  rec.created_unix_ms = NowUnixMs();
  const std::string dir = env.data_dir + "/models";
  LS_RETURN_IF_ERROR(MakeDirs(dir));
  LS_RETURN_IF_ERROR(WriteFileAtomic(models::PcaPath(dir, rec.id), pca.Serialize()));
  LS_RETURN_IF_ERROR(nn::SaveModel(models::ModelPath(dir, rec.id), model,
                                   {{"settings", rec.settings},
                                    {"code_end", std::to_string(built.code_end)},
                                    {"task", "autoencoder"}}));
  LS_RETURN_IF_ERROR(env.models->Put(rec));
  return rec.id;
}

}  // namespace ls::learn
