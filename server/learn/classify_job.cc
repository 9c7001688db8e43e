#include "learn/classify_job.h"

#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "audio/decode.h"
#include "classify/clip_classifier.h"
#include "classify/clip_model_file.h"
#include "classify/end_detector.h"
#include "classify/end_labels.h"
#include "classify/end_model_file.h"
#include "classify/metrics.h"
#include "classify/split.h"
#include "common/clock.h"
#include "common/files.h"
#include "common/status_macros.h"
#include "learn/epoch_checkpoint.h"
#include "dsp/stft.h"
#include "google/protobuf/text_format.h"
#include "lightshow/v1/classify.pb.h"
#include "models/learned_model.h"

namespace ls::learn {
namespace {

namespace v1 = lightshow::v1;

absl::StatusOr<v1::StartClassifyTrainingRequest> Params(const jobs::JobRecord& job) {
  v1::StartClassifyTrainingRequest req;
  if (!google::protobuf::TextFormat::ParseFromString(job.params, &req)) {
    return absl::InvalidArgumentError(absl::StrCat("job ", job.id, ": unreadable settings"));
  }
  return req;
}

absl::StatusOr<std::vector<float>> LoadSamples(const TrainEnv& env, const std::string& id) {
  LS_ASSIGN_OR_RETURN(std::string bytes, env.blobs->Get("songs", id));
  auto a = audio::DecodeMemory(bytes, dsp::kFrameSize);
  if (!a.ok()) return absl::Status(a.status().code(), absl::StrCat("song ", id, ": ", a.status().message()));
  return std::move(a->samples);
}

std::string Suffix(const jobs::JobRecord& job) { return job.id.substr(job.id.find('-') + 1); }

absl::StatusOr<std::string> Register(const TrainEnv& env, const jobs::JobRecord& job,
                                     models::ModelRecord rec, const v1::ClassifyMetrics& metrics) {
  google::protobuf::TextFormat::PrintToString(metrics, &rec.metrics);
  rec.job_id = job.id;
  rec.settings = job.params;
  rec.train_songs = static_cast<int>(metrics.train_songs());
  rec.val_songs = static_cast<int>(metrics.val_songs());
  rec.created_unix_ms = NowUnixMs();
  LS_RETURN_IF_ERROR(env.models->Put(rec));
  return rec.id;
}

void FillReport(const classify::ClassReport& r, const std::vector<std::string>& labels,
                v1::ClassifyMetrics* m) {
  m->set_accuracy(r.accuracy);
  m->set_macro_f1(r.macro_f1);
  m->set_unknown_rate(r.unknown_rate);
  for (int c = 0; c < r.classes; ++c) {
    auto* cm = m->add_classes();
    cm->set_label(labels[c]);
    cm->set_precision(r.precision[c]);
    cm->set_recall(r.recall[c]);
    cm->set_f1(r.f1[c]);
    cm->set_support(r.support[c]);
    auto* row = m->add_confusion();
    row->set_truth(labels[c]);
    for (int64_t n : r.confusion[c]) row->add_counts(n);
  }
}

classify::ClipConfig ClipConfigOf(const v1::StartClassifyTrainingRequest& req, const TrainEnv& env) {
  classify::ClipArch arch = classify::ClipArch::kLogreg;
  classify::ParseClipArch(req.arch(), &arch);
  classify::ClipConfig cfg = classify::DefaultClipConfig(arch);  // features, batch, unknown rule
  cfg.clip_s = req.clip_s();
  cfg.epochs = static_cast<int>(req.epochs());
  cfg.threads = env.threads;
  return cfg;
}

// The manifest's songs once each (a manifest may repeat a row), its labels in
// sorted order and each song's index into them.
struct LabelledSongs {
  std::vector<std::string> ids, labels;
  std::vector<int> song_label;
};

LabelledSongs SongsAndLabels(const v1::StartClassifyTrainingRequest& req) {
  LabelledSongs out;
  std::set<std::string> label_set;
  std::map<std::string, std::string> label_of;
  for (const auto& r : req.manifest()) {
    label_set.insert(r.label());
    if (label_of.emplace(r.song_id(), r.label()).second) out.ids.push_back(r.song_id());
  }
  out.labels.assign(label_set.begin(), label_set.end());
  const std::vector<std::string>& labels = out.labels;
  for (const auto& id : out.ids) {
    out.song_label.push_back(static_cast<int>(std::lower_bound(labels.begin(), labels.end(), label_of[id]) - labels.begin()));
  }
  return out;
}

// Trains with a checkpoint after every epoch (after a restart training
// resumes from it) and the job's progress reported per epoch.
absl::StatusOr<classify::ClipModel> TrainResumable(jobs::JobContext& ctx, const TrainEnv& env,
                                                   const std::vector<classify::ClipSong>& train,
                                                   const std::vector<classify::ClipSong>& val,
                                                   const std::vector<std::string>& labels,
                                                   const classify::ClipConfig& cfg, classify::TrainReport* rep) {
  const auto t0 = std::chrono::steady_clock::now();
  const EpochCheckpoint ckpt(env.data_dir, ctx.job().id);
  int start = 0;
  classify::ClipCheckpointHooks hooks;
  hooks.restore = [&](nn::Sequential& net, nn::Adam& adam) {
    return start = ckpt.Restore(ctx, cfg.epochs, &net, &adam);
  };
  hooks.save = [&](int epoch, const nn::Sequential& net, const nn::Adam& adam) { return ckpt.Save(epoch, net, adam); };
  auto hook = [&](int epoch, double loss) {
    const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ctx.Report(epoch, loss, 0, spent / std::max(1, epoch - start) * (cfg.epochs - epoch)).IgnoreError();
    return !ctx.StopRequested();
  };
  auto model = classify::TrainClipClassifier(train, val, labels, cfg, rep, hook, hooks);
  if (!model.ok() && model.status().code() != absl::StatusCode::kCancelled) {
    return absl::Status(model.status().code(), absl::StrCat("training: ", model.status().message()));
  }
  return model;
}

// Every label has a single song: nothing can be held out, so the figures
// are on the training songs and say so.
absl::Status ScoreOnTrainingSongs(const classify::ClipModel& model, const std::vector<classify::ClipSong>& train,
                                  int k, classify::TrainReport* rep, v1::ClassifyMetrics* metrics) {
  metrics->set_note("no held-out songs (each label has one song): figures are on the training songs");
  std::vector<int> truth, pred, pred_closed, song_truth, song_pred;
  for (const auto& s : train) {
    LS_ASSIGN_OR_RETURN(auto sp, classify::ClassifySong(model, *s.samples));
    for (size_t c = 0; c < sp.clip_label.size(); ++c) {
      truth.push_back(s.label);
      pred.push_back(sp.clip_label[c]);
      pred_closed.push_back(static_cast<int>(
          std::max_element(sp.clip_probs[c].begin(), sp.clip_probs[c].end()) - sp.clip_probs[c].begin()));
    }
    song_truth.push_back(s.label);
    song_pred.push_back(sp.label);
  }
  LS_ASSIGN_OR_RETURN(rep->clip, classify::Report(k, truth, pred));
  LS_ASSIGN_OR_RETURN(rep->clip_closed, classify::Report(k, truth, pred_closed));
  LS_ASSIGN_OR_RETURN(rep->song, classify::Report(k, song_truth, song_pred));
  metrics->set_val_clips(static_cast<uint32_t>(truth.size()));
  return absl::OkStatus();
}

absl::StatusOr<v1::ClassifyMetrics> ClassifierMetrics(const classify::ClipModel& model,
                                                      const std::vector<classify::ClipSong>& train,
                                                      const std::vector<classify::ClipSong>& val,
                                                      const std::vector<std::string>& labels,
                                                      classify::TrainReport* rep) {
  v1::ClassifyMetrics metrics;
  metrics.set_task("classifier");
  for (const auto& l : labels) metrics.add_labels(l);
  metrics.set_train_songs(static_cast<uint32_t>(train.size()));
  metrics.set_val_songs(static_cast<uint32_t>(val.size()));
  metrics.set_train_clips(rep->train_clips);
  metrics.set_val_clips(rep->validation_clips);
  if (val.empty()) {
    LS_RETURN_IF_ERROR(ScoreOnTrainingSongs(model, train, static_cast<int>(labels.size()), rep, &metrics));
  }
  FillReport(rep->clip, labels, &metrics);
  metrics.set_song_accuracy(rep->song.accuracy);
  metrics.set_accuracy_closed(rep->clip_closed.accuracy);
  return metrics;
}

}  // namespace

absl::StatusOr<std::string> RunEndDetectorJob(jobs::JobContext& ctx, const TrainEnv& env) {
  const jobs::JobRecord& job = ctx.job();
  LS_ASSIGN_OR_RETURN(auto req, Params(job));
  const classify::EndKind kind =
      req.arch() == "reference" ? classify::EndKind::kReference : classify::EndKind::kContext;
  std::map<std::string, const v1::EndLabel*> marks;
  for (const auto& l : req.labels()) marks[l.song_id()] = &l;

  const int n = req.song_ids_size();
  std::vector<classify::SongFrames> frames(n);
  std::vector<int> ends(n);
  for (int i = 0; i < n; ++i) {
    if (ctx.StopRequested()) return absl::CancelledError("stopped");
    const std::string& id = req.song_ids(i);
    LS_ASSIGN_OR_RETURN(std::vector<float> x, LoadSamples(env, id));
    LS_ASSIGN_OR_RETURN(frames[i], classify::AnalyseSong(x.data(), x.size()));
    const int total = frames[i].frames();
    auto m = marks.find(id);
    if (m != marks.end()) {
      ends[i] = m->second->no_end()
                    ? total
                    : std::clamp(static_cast<int>(std::floor(m->second->end_s() * classify::kFrameRate)), 0, total);
    } else {
      // Unmarked: the notebook's "last 10 s" for the reference model, the
      // measured quiet tail for the context model (a song that stops at full
      // level has no end).
      ends[i] = kind == classify::EndKind::kReference ? classify::LastSecondsEnd(total)
                                                      : classify::MeasuredEnd(frames[i]);
    }
  }
  // By song: the newest fifth is held out; one song is scored on itself.
  const int val = n >= 2 ? std::max(1, n / 5) : 0;
  std::vector<classify::EndTrainSong> train;
  for (int i = 0; i < n - val; ++i) train.push_back({&frames[i], ends[i]});
  classify::EndTrainConfig cfg;
  cfg.kind = kind;
  auto model = classify::TrainEndDetector(train, cfg);
  if (!model.ok()) return absl::Status(model.status().code(), absl::StrCat("training: ", model.status().message()));
  if (ctx.StopRequested()) return absl::CancelledError("stopped");

  v1::ClassifyMetrics metrics;
  metrics.set_task("end_detector");
  metrics.set_train_songs(n - val);
  metrics.set_val_songs(val);
  if (val == 0) metrics.set_note("one song: scored on its training song (not held-out music)");
  classify::BinaryCounts counts;
  int64_t full_frames = 0, full_end = 0;
  for (int i = val ? n - val : 0; i < n; ++i) {
    const classify::EndResult r = classify::DetectEnd(*model, frames[i]);
    const int total = frames[i].frames();
    for (int f = 0; f < total; ++f) counts.Add(f >= ends[i], f >= r.end_frame);
    if (ends[i] >= total) {
      full_frames += total;
      full_end += total - std::min(r.end_frame, total);
    }
  }
  metrics.set_frame_f1(counts.F1());
  metrics.set_frame_precision(counts.Precision());
  metrics.set_frame_recall(counts.Recall());
  metrics.set_false_end_rate(full_frames ? double(full_end) / full_frames : 0.0);

  models::ModelRecord rec;
  rec.id = absl::StrCat("end-", req.arch(), "-", Suffix(job));
  rec.kind = models::kKindEndDetector;
  rec.arch = req.arch();
  const std::string dir = env.data_dir + "/models";
  LS_RETURN_IF_ERROR(MakeDirs(dir));
  LS_RETURN_IF_ERROR(WriteFileAtomic(models::EndModelPath(dir, rec.id), classify::SerializeEndModel(*model)));
  LS_RETURN_IF_ERROR(ctx.Report(1, 0, 0, 0));
  return Register(env, job, rec, metrics);
}

absl::StatusOr<std::string> RunClassifierJob(jobs::JobContext& ctx, const TrainEnv& env) {
  const jobs::JobRecord& job = ctx.job();
  LS_ASSIGN_OR_RETURN(auto req, Params(job));
  const classify::ClipConfig cfg = ClipConfigOf(req, env);
  const LabelledSongs songs = SongsAndLabels(req);
  const std::vector<std::string>& ids = songs.ids;
  std::vector<std::vector<float>> samples(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ctx.StopRequested()) return absl::CancelledError("stopped");
    LS_ASSIGN_OR_RETURN(samples[i], LoadSamples(env, ids[i]));
  }
  LS_ASSIGN_OR_RETURN(classify::SongSplit split, classify::SplitBySong(songs.song_label, 0.2, 1));
  std::vector<classify::ClipSong> train, val;
  for (int i : split.train) train.push_back({ids[i], &samples[i], songs.song_label[i]});
  for (int i : split.validation) val.push_back({ids[i], &samples[i], songs.song_label[i]});

  classify::TrainReport rep;
  auto model = TrainResumable(ctx, env, train, val, songs.labels, cfg, &rep);
  if (!model.ok()) return model.status();
  LS_ASSIGN_OR_RETURN(v1::ClassifyMetrics metrics, ClassifierMetrics(*model, train, val, songs.labels, &rep));

  models::ModelRecord rec;
  rec.id = absl::StrCat("clf-", req.arch(), "-", Suffix(job));
  rec.kind = models::kKindClassifier;
  rec.arch = req.arch();
  const std::string dir = env.data_dir + "/models";
  LS_RETURN_IF_ERROR(MakeDirs(dir));
  LS_ASSIGN_OR_RETURN(std::string bytes, classify::SerializeClipModel(*model));
  LS_RETURN_IF_ERROR(WriteFileAtomic(models::ModelPath(dir, rec.id), bytes));
  return Register(env, job, rec, metrics);
}

}  // namespace ls::learn
