#include "models/train_job.h"

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
#include "models/autoencoder.h"
#include "models/learned_model.h"
#include "models/pca.h"
#include "models/song_features.h"
#include "nn/loss.h"
#include "nn/model_file.h"
#include "nn/optimizer.h"
#include "nn/trainer.h"

namespace ls::models {
namespace {

struct Sample {
  int song;
  int frame;
};

struct Data {
  std::vector<SongFeatures> songs;
  std::vector<Sample> train, val;
  int train_songs = 0, val_songs = 0;
  std::string note;
};

// Inputs (with time context) and targets (the centre frame) of samples[idx[i]].
void FillBatch(const Data& d, const std::vector<Sample>& samples, const size_t* idx, int n,
               int context, nn::Matrix* x, nn::Matrix* y) {
  const int bins = dsp::kBins;
  x->resize(static_cast<nn::Index>(bins) * context, n);
  y->resize(bins, n);
  nn::Matrix one;
  for (int j = 0; j < n; ++j) {
    const Sample& s = samples[idx ? idx[j] : j];
    const dsp::Spectrogram& spec = d.songs[s.song].spec;
    AssembleInputs(spec.data.data(), bins, spec.frames, context, &s.frame, 1, &one);
    x->col(j) = one.col(0);
    std::memcpy(y->col(j).data(), spec.row(s.frame), sizeof(float) * bins);
  }
}

absl::StatusOr<Data> LoadData(jobs::JobContext& ctx, const TrainEnv& env, const TrainSettings& s) {
  std::string end_model;
  LS_ASSIGN_OR_RETURN(auto end, MakeEndDetector(s.trim_end, env.models, env.data_dir + "/models", &end_model));
  Data d;
  if (!end_model.empty()) d.note = "trim-end auto: end detector " + end_model;
  for (const auto& id : s.song_ids) {
    if (ctx.StopRequested()) return absl::CancelledError("stopped");
    LS_ASSIGN_OR_RETURN(SongFeatures f, LoadSongFeatures(*env.blobs, id, s.hop, end.get()));
    d.songs.push_back(std::move(f));
  }
  const int n = static_cast<int>(d.songs.size());
  if (n >= 2) {
    // By song, never by frame: neighbouring frames are near copies.
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
    d.note = (d.note.empty() ? "" : d.note + "; ") +
             "one song: validation is its last 20 % (a time split, not held-out music)";
  }
  if (d.train.empty() || d.val.empty()) {
    return absl::InvalidArgumentError("songs: too little audio to train on after trimming the dark end");
  }
  return d;
}

// 8 bytes naming the epoch an optimizer state belongs to (appended to it).
std::string EpochTag(int epoch) {
  char tag[9];
  std::snprintf(tag, sizeof tag, "E%07d", epoch);
  return std::string(tag, 8);
}

double Evaluate(nn::Trainer& trainer, const Data& d, const std::vector<Sample>& samples,
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

}  // namespace

absl::StatusOr<std::string> RunTrainingJob(jobs::JobContext& ctx, const TrainEnv& env) {
  const jobs::JobRecord& job = ctx.job();
  LS_ASSIGN_OR_RETURN(TrainSettings s, SettingsFromText(job.params));
  LS_RETURN_IF_ERROR(ValidateTrainSettings(s));
  LS_ASSIGN_OR_RETURN(Data d, LoadData(ctx, env, s));
  if (!d.note.empty()) ctx.Note(d.note).IgnoreError();
  const int context = ContextFrames(s.arch);

  LS_ASSIGN_OR_RETURN(BuiltAutoencoder built, BuildAutoencoder(s));
  const std::string job_dir = absl::StrCat(env.data_dir, "/jobs/", job.id);
  const std::string ckpt = job_dir + "/checkpoint.lsnn";
  // Adam's moments after each epoch, in two files by epoch parity, written
  // before the weights (whose file is the commit point): a kill between the two
  // writes leaves the state of the checkpointed epoch intact in the other file.
  auto opt_state = [&](int epoch) { return absl::StrCat(job_dir, "/optimizer.", epoch % 2, ".state"); };
  LS_RETURN_IF_ERROR(MakeDirs(job_dir));
  int start = 0;
  nn::Adam adam(built.model.NumParams());
  if (auto loaded = nn::LoadModel(ckpt); loaded.ok()) {
    // Resume: weights and Adam's moments from the last finished epoch.
    int e = 0;
    if (absl::SimpleAtoi(loaded->metadata["epoch"], &e) && e > 0 && e <= s.epochs) {
      built.model = std::move(loaded->model);
      start = e;
      ctx.ResumedFrom(e).IgnoreError();
      auto state = ReadFile(opt_state(e));
      const bool same_epoch = state.ok() && state->size() > 8 &&
                              state->compare(state->size() - 8, 8, EpochTag(e)) == 0;
      if (!same_epoch || !adam.LoadState(std::string_view(*state).substr(0, state->size() - 8)).ok()) {
        adam = nn::Adam(built.model.NumParams());
        ctx.Note(absl::StrCat("resumed from epoch ", e, " with fresh optimizer moments (no matching state)"))
            .IgnoreError();
      }
    }
  }
  nn::Sequential& model = built.model;
  nn::MseLoss loss;
  nn::TrainerConfig tc;
  tc.batch = s.batch;
  tc.threads = env.threads;
  tc.shuffle = false;  // we shuffle samples across songs ourselves
  tc.seed = s.seed;
  nn::Trainer trainer(model, loss, adam, tc);

  std::vector<size_t> perm(d.train.size());
  nn::Matrix x, y;
  double train_loss = 0, val_loss = 0, spent = 0;
  for (int epoch = start; epoch < s.epochs; ++epoch) {
    auto t0 = std::chrono::steady_clock::now();
    std::iota(perm.begin(), perm.end(), size_t{0});
    std::mt19937_64 rng(s.seed * 7919 + epoch);
    std::shuffle(perm.begin(), perm.end(), rng);
    std::normal_distribution<double> noise(0.0, s.denoise > 0 ? s.denoise : 1.0);
    double sum = 0;
    for (size_t i = 0; i < perm.size(); i += s.batch) {
      if (ctx.StopRequested()) return absl::CancelledError("stopped");
      const int n = static_cast<int>(std::min<size_t>(s.batch, perm.size() - i));
      FillBatch(d, d.train, perm.data() + i, n, context, &x, &y);
      if (s.denoise > 0) {  // denoising: the target stays the clean frame
        for (nn::Index k = 0; k < x.size(); ++k) x.data()[k] += static_cast<float>(noise(rng));
      }
      sum += trainer.Step(x, y) * n;
    }
    train_loss = sum / perm.size();
    val_loss = Evaluate(trainer, d, d.val, context);
    LS_RETURN_IF_ERROR(WriteFileAtomic(opt_state(epoch + 1), adam.SaveState() + EpochTag(epoch + 1)));
    LS_RETURN_IF_ERROR(nn::SaveModel(ckpt, model, {{"epoch", std::to_string(epoch + 1)}}));
    spent += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double eta = spent / (epoch + 1 - start) * (s.epochs - epoch - 1);
    LS_RETURN_IF_ERROR(ctx.Report(epoch + 1, train_loss, val_loss, eta));
  }
  if (ctx.StopRequested()) return absl::CancelledError("stopped");

  // The linear bar: PCA with as many components, on the same training frames.
  Eigen::MatrixXf train_frames(dsp::kBins, d.train.size());
  for (size_t j = 0; j < d.train.size(); ++j) {
    const Sample& smp = d.train[j];
    std::memcpy(train_frames.col(j).data(), d.songs[smp.song].spec.row(smp.frame),
                sizeof(float) * dsp::kBins);
  }
  LS_ASSIGN_OR_RETURN(Pca pca, Pca::Fit(train_frames, s.bottleneck));
  train_frames.resize(0, 0);
  Eigen::MatrixXf val_frames(dsp::kBins, d.val.size());
  for (size_t j = 0; j < d.val.size(); ++j) {
    const Sample& smp = d.val[j];
    std::memcpy(val_frames.col(j).data(), d.songs[smp.song].spec.row(smp.frame),
                sizeof(float) * dsp::kBins);
  }

  ModelRecord rec;
  rec.id = absl::StrCat(s.arch, "-", job.id.substr(job.id.find('-') + 1));
  rec.job_id = job.id;
  rec.arch = s.arch;
  rec.settings = SettingsToText(s);
  rec.train_mse = Evaluate(trainer, d, d.train, context);
  rec.val_mse = Evaluate(trainer, d, d.val, context);
  rec.pca_val_mse = pca.ReconstructionMse(val_frames);
  rec.train_songs = d.train_songs;
  rec.val_songs = d.val_songs;
  rec.created_unix_ms = NowUnixMs();
  const std::string dir = env.data_dir + "/models";
  LS_RETURN_IF_ERROR(MakeDirs(dir));
  LS_RETURN_IF_ERROR(WriteFileAtomic(PcaPath(dir, rec.id), pca.Serialize()));
  LS_RETURN_IF_ERROR(nn::SaveModel(ModelPath(dir, rec.id), model,
                                   {{"settings", rec.settings},
                                    {"code_end", std::to_string(built.code_end)},
                                    {"task", "autoencoder"}}));
  LS_RETURN_IF_ERROR(env.models->Put(rec));
  return rec.id;
}

}  // namespace ls::models
