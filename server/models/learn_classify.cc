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
#include "models/classify_job.h"
#include "models/classify_request.h"
#include "models/learn_service.h"

namespace ls::models {
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

absl::StatusOr<v1::ClassifyReply> LearnService::Classify(const v1::ClassifyRequest& req,
                                                         std::string* kind) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string& want = req.model_id();
  if (want.empty()) return absl::InvalidArgumentError("model: empty (give a model id, 'end' or 'classifier')");
  ModelRecord rec;
  if (want == "end" || want == "classifier") {
    const char* k = want == "end" ? kKindEndDetector : kKindClassifier;
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
  if (rec.kind != kKindClassifier && rec.kind != kKindEndDetector) {
    return absl::InvalidArgumentError(absl::StrCat("model: ", rec.id, " is an ", rec.kind,
                                                   " model; classify needs a classifier or end_detector model"));
  }
  *kind = rec.kind;
  if (rec.status != "ok") {
    return absl::FailedPreconditionError(absl::StrCat("model: ", rec.id, " is broken: ", rec.message));
  }
  if (req.validate_only()) {
    // Before a local file is uploaded: the model is usable; a clip model needs a whole clip.
    if (rec.kind == kKindClassifier) {
      v1::StartClassifyTrainingRequest params;
      google::protobuf::TextFormat::ParseFromString(rec.settings, &params);
      const double d = req.local_duration_s();
      if (d > 0 && params.clip_s() > 0 && d < params.clip_s()) {
        return absl::InvalidArgumentError(absl::StrFormat(
            "song: %.2f s is shorter than one clip of model %s (%.2f s)", d, rec.id, params.clip_s()));
      }
    }
    v1::ClassifyReply out;
    out.set_model_id(rec.id);
    out.set_model_kind(rec.kind);
    return out;
  }
  if (req.song_id().empty()) return absl::InvalidArgumentError("song_id: empty");
  auto song = catalog_->ResolveSong(req.song_id());
  if (!song.ok()) return Prefixed(song.status(), "song_id");
  if (song->status != catalog::kSongOk) {
    return absl::FailedPreconditionError(absl::StrCat("song_id: song ", song->id, " has no data (", song->status, ")"));
  }

  // Load (once) before decoding, so a broken model fails fast.
  std::shared_ptr<const classify::ClipModel> clip;
  std::shared_ptr<const classify::EndModel> end;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = clip_models_.find(rec.id); it != clip_models_.end()) clip = it->second;
    if (auto it = end_models_.find(rec.id); it != end_models_.end()) end = it->second;
  }
  if (!clip && !end) {
    const bool is_end = rec.kind == kKindEndDetector;
    auto bytes = ReadFile(is_end ? EndModelPath(models_dir_, rec.id) : ModelPath(models_dir_, rec.id));
    absl::Status st = bytes.status();
    if (st.ok() && is_end) {
      auto m = classify::ParseEndModel(*bytes);
      st = m.status();
      if (m.ok()) end = std::make_shared<const classify::EndModel>(std::move(*m));
    } else if (st.ok()) {
      auto m = classify::ParseClipModel(*bytes);
      st = m.status();
      if (m.ok()) clip = std::make_shared<const classify::ClipModel>(std::move(*m));
    }
    if (!st.ok()) {
      LogError(absl::StrCat("model ", rec.id, " is broken: ", st.ToString()));
      model_store_->MarkBroken(rec.id, std::string(st.message())).IgnoreError();
      return absl::FailedPreconditionError(absl::StrCat("model: ", rec.id, " is broken: ", st.message()));
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (clip) clip_models_[rec.id] = clip;
    if (end) end_models_[rec.id] = end;
  }

  LS_ASSIGN_OR_RETURN(std::string bytes, blobs_->Get("songs", song->id));
  auto a = audio::DecodeMemory(bytes, dsp::kFrameSize);
  if (!a.ok()) return Prefixed(a.status(), absl::StrCat("song ", song->id));
  v1::ClassifyReply out;
  out.set_song_id(song->id);
  out.set_model_id(rec.id);
  out.set_model_kind(rec.kind);
  out.set_duration_s(a->duration_s());
  if (end) {
    LS_ASSIGN_OR_RETURN(classify::SongFrames f, classify::AnalyseSong(a->samples.data(), a->samples.size()));
    const classify::EndResult r = classify::DetectEnd(*end, f);
    out.set_has_end(r.has_end);
    out.set_end_s(r.has_end ? r.end_s : a->duration_s());
    out.set_frame_period_s(1.0 / classify::kFrameRate);
    if (req.frame_probs()) *out.mutable_frame_probs() = {r.prob.begin(), r.prob.end()};
  } else {
    const size_t need = classify::ClipSamples(clip->config);
    if (a->samples.size() < need) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "song_id: song %s (%.2f s) is shorter than one clip of model %s (%.2f s)", song->id.substr(0, 12),
          a->duration_s(), rec.id, clip->config.clip_s));
    }
    LS_ASSIGN_OR_RETURN(classify::SongPrediction p, classify::ClassifySong(*clip, a->samples));
    auto name = [&](int l) { return l == classify::kUnknown ? std::string("unknown") : clip->labels[l]; };
    out.set_label(name(p.label));
    for (const auto& l : clip->labels) out.add_labels(l);
    *out.mutable_probs() = {p.probs.begin(), p.probs.end()};
    for (size_t i = 0; i < p.clip_label.size(); ++i) {
      auto* c = out.add_clips();
      c->set_start_s(p.clip_start_s[i]);
      c->set_label(name(p.clip_label[i]));
      *c->mutable_probs() = {p.clip_probs[i].begin(), p.clip_probs[i].end()};
      c->set_distance(p.clip_distance[i]);
    }
  }
  out.set_seconds(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  return out;
}

}  // namespace ls::models
