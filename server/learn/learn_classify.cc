// LearnService, classification: training requests, job metrics and
// classifying a stored song with a classifier or end detector.
#include <chrono>
#include "common/log.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "audio/decode.h"
#include "classify/clip_model_file.h"
#include "classify/end_detector.h"
#include "classify/end_model_file.h"
#include "common/files.h"
#include "common/status_macros.h"
#include "google/protobuf/text_format.h"
#include "learn/classify_job.h"
#include "learn/classify_request.h"
#include "learn/learn_service.h"

namespace ls::learn {
namespace {

namespace v1 = lightshow::v1;

absl::Status Prefixed(const absl::Status& st, const std::string& field) {
  return absl::Status(st.code(), absl::StrCat(field, ": ", st.message()));
}

}  // namespace

absl::StatusOr<jobs::JobRecord> LearnService::StartClassifyTraining(v1::StartClassifyTrainingRequest req) {
  LS_ASSIGN_OR_RETURN(auto resolved, ResolveClassifyRequest(std::move(req), *catalog_));
  if (resolved.validate_only()) return jobs::JobRecord{};  // checked; nothing stored, nothing queued
  std::string params;
  google::protobuf::TextFormat::PrintToString(resolved, &params);
  const bool end = resolved.task() == kTaskEndDetector;
  return runner_->Submit(end ? kTrainEndDetectorKind : kTrainClassifierKind, params,
                         end ? 1 : static_cast<int>(resolved.epochs()));
}

std::optional<v1::ClassifyMetrics> LearnService::JobMetrics(const jobs::JobRecord& job) {
  if (job.kind != kTrainEndDetectorKind && job.kind != kTrainClassifierKind) return std::nullopt;
  if (job.state != jobs::JobState::kSucceeded || job.result.empty()) return std::nullopt;
  auto rec = model_store_->Get(job.result);
  v1::ClassifyMetrics m;
  if (!rec.ok() || !google::protobuf::TextFormat::ParseFromString(rec->metrics, &m)) return std::nullopt;
  return m;
}

absl::StatusOr<models::ModelRecord> LearnService::ClassifyModel(const std::string& want) {
  if (want.empty()) return absl::InvalidArgumentError("model: empty (give a model id, 'end' or 'classifier')");
  models::ModelRecord rec;
  if (want == "end" || want == "classifier") {
    const char* k = want == "end" ? models::kKindEndDetector : models::kKindClassifier;
    LS_ASSIGN_OR_RETURN(auto newest, model_store_->Newest(k));
    if (!newest) {
      return absl::NotFoundError(absl::StrCat("model: no ", k, " model yet; train one with `lsctl train ",
                                              want == "end" ? "end-detector" : "classifier", "`"));
    }
    rec = *newest;
  } else {
    auto got = model_store_->Get(want);
    if (!got.ok()) return Prefixed(got.status(), "model");
    rec = *got;
  }
  if (rec.kind != models::kKindClassifier && rec.kind != models::kKindEndDetector) {
    return absl::InvalidArgumentError(absl::StrCat("model: ", rec.id, " is an ", rec.kind,
                                                   " model; classify needs a classifier or end_detector model"));
  }
  return rec;
}

absl::StatusOr<LoadedClassifier> LearnService::LoadClassifier(const models::ModelRecord& rec) {
  LoadedClassifier m;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = clip_models_.find(rec.id); it != clip_models_.end()) m.clip = it->second;
    if (auto it = end_models_.find(rec.id); it != end_models_.end()) m.end = it->second;
  }
  if (m.clip || m.end) return m;
  const bool is_end = rec.kind == models::kKindEndDetector;
  auto bytes = ReadFile(is_end ? models::EndModelPath(models_dir_, rec.id) : models::ModelPath(models_dir_, rec.id));
  absl::Status st = bytes.status();
  if (st.ok() && is_end) {
    auto e = classify::ParseEndModel(*bytes);
    st = e.status();
    if (e.ok()) m.end = std::make_shared<const classify::EndModel>(std::move(*e));
  } else if (st.ok()) {
    auto c = classify::ParseClipModel(*bytes);
    st = c.status();
    if (c.ok()) m.clip = std::make_shared<const classify::ClipModel>(std::move(*c));
  }
  if (!st.ok()) {
    LogError(absl::StrCat("model ", rec.id, " is broken: ", st.ToString()));
    model_store_->MarkBroken(rec.id, std::string(st.message())).IgnoreError();
    return absl::FailedPreconditionError(absl::StrCat("model: ", rec.id, " is broken: ", st.message()));
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (m.clip) clip_models_[rec.id] = m.clip;
  if (m.end) end_models_[rec.id] = m.end;
  return m;
}

absl::StatusOr<ClassifyOutcome> LearnService::Classify(const ClassifyQuery& q, std::string* kind) {
  const auto t0 = std::chrono::steady_clock::now();
  LS_ASSIGN_OR_RETURN(models::ModelRecord rec, ClassifyModel(q.model_id));
  *kind = rec.kind;
  if (rec.status != "ok") {
    return absl::FailedPreconditionError(absl::StrCat("model: ", rec.id, " is broken: ", rec.message));
  }
  ClassifyOutcome out;
  out.model_id = rec.id;
  out.model_kind = rec.kind;
  if (q.validate_only) {
    // Before a local file is uploaded: the model is usable; a clip model needs a whole clip.
    if (rec.kind == models::kKindClassifier) {
      v1::StartClassifyTrainingRequest params;
      google::protobuf::TextFormat::ParseFromString(rec.settings, &params);
      const double d = q.local_duration_s;
      if (d > 0 && params.clip_s() > 0 && d < params.clip_s()) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "song: %.2f s is shorter than one clip of model %s (%.2f s)", d, rec.id, params.clip_s()));
      }
    }
    return out;
  }
  if (q.song_id.empty()) return absl::InvalidArgumentError("song_id: empty");
  auto song = catalog_->ResolveSong(q.song_id);
  if (!song.ok()) return Prefixed(song.status(), "song_id");
  if (song->status != catalog::kSongOk) {
    return absl::FailedPreconditionError(absl::StrCat("song_id: song ", song->id, " has no data (", song->status, ")"));
  }
  // Load (once) before decoding, so a broken model fails fast.
  LS_ASSIGN_OR_RETURN(LoadedClassifier model, LoadClassifier(rec));
  LS_ASSIGN_OR_RETURN(std::string bytes, blobs_->Get("songs", song->id));
  auto a = audio::DecodeMemory(bytes, dsp::kFrameSize);
  if (!a.ok()) return Prefixed(a.status(), absl::StrCat("song ", song->id));
  out.song_id = song->id;
  out.duration_s = a->duration_s();
  if (model.end) {
    LS_ASSIGN_OR_RETURN(classify::SongFrames f, classify::AnalyseSong(a->samples.data(), a->samples.size()));
    out.end = classify::DetectEnd(*model.end, f);
    if (!out.end->has_end) out.end->end_s = a->duration_s();
    out.frame_period_s = 1.0 / classify::kFrameRate;
  } else {
    const size_t need = classify::ClipSamples(model.clip->config);
    if (a->samples.size() < need) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "song_id: song %s (%.2f s) is shorter than one clip of model %s (%.2f s)", song->id.substr(0, 12),
          a->duration_s(), rec.id, model.clip->config.clip_s));
    }
    LS_ASSIGN_OR_RETURN(out.clip, classify::ClassifySong(*model.clip, a->samples));
    out.labels = model.clip->labels;
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace ls::learn
