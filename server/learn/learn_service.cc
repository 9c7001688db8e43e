#include "learn/learn_service.h"

#include <cmath>
#include "common/log.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "learn/learn_metrics.h"
#include "learn/classify_job.h"
#include "learn/show_grade.h"
#include "learn/song_features.h"
#include "learn/train_job.h"
#include "show/band_renderer.h"
#include "show/code_scores.h"
#include "show/dark_end.h"
#include "show/learned_renderer.h"
#include "show/music_renderer.h"

namespace ls::learn {
namespace {

// Changes with the rendering rules (and the analysis they read), so show ids
// change with them.
std::string RenderKey() { return absl::StrCat("music:v", analysis::kAnalysisVersion); }

}  // namespace

LearnService::~LearnService() { Shutdown(); }

absl::StatusOr<std::unique_ptr<LearnService>> LearnService::Open(
    const std::string& data_dir, catalog::Catalog* catalog, const catalog::BlobStore* blobs,
    ingest::Ingestor* ingestor, jobs::ThreadPool* pool) {
  std::unique_ptr<LearnService> s(new LearnService());
  s->data_dir_ = data_dir;
  s->models_dir_ = data_dir + "/models";
  s->catalog_ = catalog;
  s->blobs_ = blobs;
  s->ingestor_ = ingestor;
  s->pool_ = pool;
  LS_ASSIGN_OR_RETURN(s->job_store_, jobs::JobStore::Open(data_dir));
  LS_ASSIGN_OR_RETURN(s->model_store_, models::ModelStore::Open(data_dir));
  // One training at a time: the machine's cores go to the trainer's threads.
  s->runner_ = std::make_unique<jobs::JobRunner>(s->job_store_.get(), 1);
  TrainEnv env{blobs, s->model_store_.get(), data_dir, 2};
  s->runner_->Register(kTrainAutoencoderKind,
                       [env](jobs::JobContext& ctx) { return RunTrainingJob(ctx, env); });
  s->runner_->Register(kTrainEndDetectorKind,
                       [env](jobs::JobContext& ctx) { return RunEndDetectorJob(ctx, env); });
  s->runner_->Register(kTrainClassifierKind,
                       [env](jobs::JobContext& ctx) { return RunClassifierJob(ctx, env); });
  s->CheckModels();
  LearnService* self = s.get();
  ingestor->SetRenderHook([self](const audio::Audio& a, const dsp::Spectrogram& spec,
                                 const analysis::MusicAnalysis& music) {
    return self->Render(a, spec, music);
  });
  return s;
}

absl::Status LearnService::ResumeJobs() { return runner_->ResumeUnfinished(); }

void LearnService::Shutdown() {
  if (runner_) runner_->Shutdown();
}

absl::StatusOr<jobs::JobRecord> LearnService::StartTraining(models::TrainSettings s) {
  std::vector<std::string> ids;
  if (s.song_ids.empty() || (s.song_ids.size() == 1 && s.song_ids[0] == "all")) {
    LS_ASSIGN_OR_RETURN(auto songs, catalog_->ListSongs());
    // Oldest first, so the validation songs (the last ones) are the newest.
    for (auto it = songs.rbegin(); it != songs.rend(); ++it) {
      if (it->status == catalog::kSongOk) ids.push_back(it->id);
    }
  } else {
    for (const auto& want : s.song_ids) {
      auto song = catalog_->ResolveSong(want);
      if (!song.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("songs: ", song.status().message()));
      }
      if (song->status != catalog::kSongOk) {
        return absl::InvalidArgumentError(absl::StrCat("songs: song ", song->id, " has no data (", song->status, ")"));
      }
      ids.push_back(song->id);
    }
  }
  s.song_ids = ids;
  LS_RETURN_IF_ERROR(models::ValidateTrainSettings(s));
  return runner_->Submit(kTrainAutoencoderKind, models::SettingsToText(s), s.epochs);
}

absl::StatusOr<std::vector<jobs::JobRecord>> LearnService::Jobs() { return job_store_->List(); }
absl::StatusOr<jobs::JobRecord> LearnService::Job(const std::string& id) { return job_store_->Get(id); }
absl::StatusOr<jobs::JobRecord> LearnService::Cancel(const std::string& id) { return runner_->Cancel(id); }
absl::StatusOr<std::vector<models::ModelRecord>> LearnService::Models() { return model_store_->List(); }

absl::StatusOr<std::shared_ptr<models::LearnedModel>> LearnService::Loaded(const std::string& id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = loaded_.find(id);
    if (it != loaded_.end()) return it->second;
  }
  auto m = models::LearnedModel::Load(models_dir_, id);
  if (!m.ok()) {
    // A damaged file marks only this model; the server and other models go on.
    LogError(absl::StrCat("model ", id, " is broken: ", m.status().ToString()));
    model_store_->MarkBroken(id, std::string(m.status().message())).IgnoreError();
    return m.status();
  }
  std::shared_ptr<models::LearnedModel> shared = std::move(*m);
  std::lock_guard<std::mutex> lock(mu_);
  loaded_[id] = shared;
  return shared;
}

absl::StatusOr<std::pair<models::ModelRecord, int>> LearnService::Activate(const std::string& id) {
  return Activate(id, "");
}

absl::StatusOr<std::pair<models::ModelRecord, int>> LearnService::Activate(const std::string& id,
                                                                    const std::string& profile_name) {
  auto profile = show::ProfileByName(profile_name.empty() ? "relay" : profile_name);
  if (!profile.ok()) return absl::InvalidArgumentError(absl::StrCat("profile: ", profile.status().message()));
  models::ModelRecord rec;
  if (id == "bands") {
    if (profile->name != "relay") {
      return absl::InvalidArgumentError(absl::StrCat(
          "profile: ", profile->name, " applies to learned models; the band renderer keeps its own rules"));
    }
    LS_RETURN_IF_ERROR(model_store_->Activate(""));
    rec.id = "bands";
    rec.status = "ok";
  } else {
    LS_ASSIGN_OR_RETURN(rec, model_store_->Get(id));
    if (rec.kind != models::kKindAutoencoder) {
      return absl::InvalidArgumentError(absl::StrCat("model: ", id, " is a ", rec.kind,
                                                     " model; only autoencoder models render shows"));
    }
    if (rec.status != "ok") {
      return absl::FailedPreconditionError(absl::StrCat("model ", id, " is broken: ", rec.message));
    }
    auto loaded = Loaded(id);
    if (!loaded.ok()) {
      return absl::FailedPreconditionError(absl::StrCat("model ", id, " is broken: ", loaded.status().message()));
    }
    LS_RETURN_IF_ERROR(model_store_->Activate(id, profile->name));
    rec.active = true;
    rec.profile = profile->name;
  }
  LS_ASSIGN_OR_RETURN(int queued, QueueRerenders(false));
  return std::make_pair(rec, queued);
}

absl::StatusOr<int> LearnService::QueueRerenders(bool outdated_only) {
  LS_ASSIGN_OR_RETURN(auto songs, catalog_->ListSongs());
  // What every show should have been made by now: the active model (with its
  // profile), or the bands when none is active. A broken active model's shows
  // stay as they are: their masks are stored and still play.
  LS_ASSIGN_OR_RETURN(auto active, model_store_->Active());
  const bool learned = active.has_value();
  const std::string want_renderer = learned ? active->id : "bands";
  const std::string want_profile = learned ? (active->profile.empty() ? "relay" : active->profile) : "";
  auto current = [&](const catalog::SongRecord& song) {
    if (learned && active->status != "ok") return true;
    auto show = catalog_->GetShow(song.show_id);
    if (!show.ok() || show->renderer != want_renderer) return false;
    return !learned || show->profile == want_profile;
  };
  int queued = 0;
  for (const auto& song : songs) {
    if (song.status != catalog::kSongOk) continue;
    if (outdated_only && !ingestor_->NeedsUpgrade(song) && current(song)) continue;
    auto* ing = ingestor_;
    if (pool_->Submit([ing, song] {
          auto st = ing->Rerender(song);
          if (!st.ok()) LogError(absl::StrCat("re-render of ", song.id, ": ", st.status().ToString()));
        })) {
      ++queued;
    }
  }
  return queued;
}

absl::StatusOr<std::optional<ingest::RenderedShow>> LearnService::Render(
    const audio::Audio& a, const dsp::Spectrogram& spec, const analysis::MusicAnalysis& music) {
  LS_ASSIGN_OR_RETURN(auto active, model_store_->Active());
  if (!active || active->status != "ok") return std::optional<ingest::RenderedShow>();
  auto model = Loaded(active->id);
  if (!model.ok()) return std::optional<ingest::RenderedShow>();  // broken: the bands play
  const int hop = (*model)->hop();
  dsp::Spectrogram own;
  const dsp::Spectrogram* s = &spec;
  if (spec.hop != hop) {
    LS_ASSIGN_OR_RETURN(own, dsp::SharedStft().Features(a.samples.data(), a.samples.size(), hop));
    s = &own;
  }
  show::EnergyEndDetector end(30.0, 0.5, a.sample_rate);
  const int dark = end.DarkStart(a.samples.data(), a.samples.size(), hop, s->frames);
  int channels = 0;
  const std::vector<float> codes =
      show::CodeScores((*model)->Encode(*s), (*model)->code_size(), dark, *s, a.sample_rate, &channels);
  const double period = static_cast<double>(hop) / a.sample_rate;
  LS_ASSIGN_OR_RETURN(show::RenderProfile profile,
                      show::ProfileByName(active->profile.empty() ? "relay" : active->profile));
  LS_ASSIGN_OR_RETURN(std::vector<uint8_t> masks,
                      show::RenderMusic(codes, s->frames, channels, music, dark, period, profile));
  ingest::RenderedShow out;
  out.renderer = active->id;
  out.settings_key = absl::StrCat(profile.name, ":", RenderKey());
  out.profile = profile.name;
  out.masks = std::move(masks);
  out.frame_period_ns = static_cast<int64_t>(std::llround(1e9 * period));
  return std::optional<ingest::RenderedShow>(std::move(out));
}

absl::StatusOr<ShowReport> LearnService::Report(const std::string& song_id) {
  LS_ASSIGN_OR_RETURN(catalog::SongRecord song, catalog_->ResolveSong(song_id));
  LS_ASSIGN_OR_RETURN(catalog::ShowRecord show, catalog_->GetShow(song.show_id));
  ShowReport r;
  r.song_id = song.id;
  r.song_name = song.name;
  r.show_id = show.id;
  r.renderer = show.renderer;
  r.duration_s = song.duration_s;
  r.frame_period_ns = show.frame_period_ns;
  r.profile.clear();  // band shows have no profile
  if (show.renderer != "bands") {
    // Learned shows stored before profiles were selectable are relay shows.
    LS_ASSIGN_OR_RETURN(show::RenderProfile p, show::ProfileByName(show.profile.empty() ? "relay" : show.profile));
    r.profile = p.name;
    r.min_dwell_ms = p.min_dwell_ms;
  }
  LS_ASSIGN_OR_RETURN(r.masks, ingestor_->LoadMasks(show));
  const double period = show.frame_period_ns * 1e-9;
  const int hop = static_cast<int>(std::lround(period * 44100));
  show::EnergyEndDetector end;
  LS_ASSIGN_OR_RETURN(SongFeatures f, LoadSongFeatures(*blobs_, song.id, hop, &end));
  r.loudness_db = f.loudness_db;
  if (auto music = ingestor_->LoadAnalysis(song.id); music.ok()) r.music = std::move(*music);
  r.dark_start_s = f.dark_start * period;
  if (show.renderer != "bands") {
    // A model whose file broke since still leaves its show to report, without the MSEs.
    if (auto model = Loaded(show.renderer); model.ok()) {
      r.model_mse = (*model)->ReconstructionMse(f.spec, f.dark_start);
      r.pca_mse = (*model)->PcaMse(f.spec, f.dark_start);
    }
  }
  std::vector<uint8_t> masks(r.masks.begin(), r.masks.end());
  // Channel use over the lit part: the dark end is off by design.
  const int lit = std::min<int>(f.dark_start, static_cast<int>(masks.size()));
  r.channels = show::ComputeChannelStats(masks, show.channels, period, lit > 0 ? lit : -1);
  for (const auto& c : r.channels) r.dead_channels += c.dead;
  // Graded by the judge, whose ears are not the renderer's; a song it cannot
  // grade is still reported, without these figures.
  if (auto q = GradeShow(*blobs_, song.id, r.masks, period); q.ok()) r.quality = *q;
  return r;
}

absl::StatusOr<metrics::LearnSnapshot> LearnService::MetricsSnapshot() {
  LS_ASSIGN_OR_RETURN(auto jobs, job_store_->List());
  LS_ASSIGN_OR_RETURN(auto models, model_store_->List());
  return SummarizeLearn(runner_->Kinds(), jobs, models);
}

}  // namespace ls::learn
