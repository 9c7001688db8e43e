#include "api/learn_convert.h"

#include "analysis/analysis_codec.h"
#include "google/protobuf/text_format.h"

namespace ls::api {

namespace v1 = lightshow::v1;

models::TrainSettings FromProto(const v1::TrainSettings& in) {
  models::TrainSettings s;
  s.song_ids.assign(in.song_ids().begin(), in.song_ids().end());
  if (!in.arch().empty()) s.arch = in.arch();
  if (in.has_bottleneck() || in.bottleneck() != 0) s.bottleneck = static_cast<int>(in.bottleneck());
  if (in.hidden_size() > 0) s.hidden.assign(in.hidden().begin(), in.hidden().end());
  if (in.has_epochs() || in.epochs() != 0) s.epochs = static_cast<int>(std::min<uint32_t>(in.epochs(), 1u << 30));
  if (in.has_batch() || in.batch() != 0) s.batch = static_cast<int>(std::min<uint32_t>(in.batch(), 1u << 30));
  s.sparse_l1 = in.sparse_l1();
  s.denoise = in.denoise();
  if (in.hop() != 0) s.hop = static_cast<int>(std::min<uint32_t>(in.hop(), 1u << 30));
  if (!in.trim_end().empty()) s.trim_end = in.trim_end();
  if (!in.lr_decay().empty()) s.lr_decay = in.lr_decay();
  if (in.has_seed()) s.seed = in.seed();
  return s;
}

namespace {

v1::JobState ToProto(jobs::JobState s) {
  switch (s) {
    case jobs::JobState::kQueued: return v1::JOB_QUEUED;
    case jobs::JobState::kRunning: return v1::JOB_RUNNING;
    case jobs::JobState::kSucceeded: return v1::JOB_SUCCEEDED;
    case jobs::JobState::kFailed: return v1::JOB_FAILED;
    case jobs::JobState::kCancelled: return v1::JOB_CANCELLED;
  }
  return v1::JOB_STATE_UNSPECIFIED;
}

}  // namespace

void ToProto(const jobs::JobRecord& in, v1::Job* out) {
  out->set_id(in.id);
  out->set_kind(in.kind);
  out->set_state(ToProto(in.state));
  out->set_epoch(static_cast<uint32_t>(in.epoch));
  out->set_epochs(static_cast<uint32_t>(in.epochs));
  out->set_train_loss(in.train_loss);
  out->set_val_loss(in.val_loss);
  out->set_eta_s(in.eta_s);
  out->set_message(in.message);
  out->set_model_id(in.result);
  out->set_created_unix_ms(in.created_unix_ms);
  out->set_updated_unix_ms(in.updated_unix_ms);
  out->set_resumed_from_epoch(static_cast<uint32_t>(in.resumed_from));
}

void ToProto(const models::ModelRecord& in, v1::ModelInfo* out) {
  out->set_id(in.id);
  out->set_job_id(in.job_id);
  out->set_arch(in.arch);
  out->set_settings(in.settings);
  out->set_train_mse(in.train_mse);
  out->set_val_mse(in.val_mse);
  out->set_pca_val_mse(in.pca_val_mse);
  out->set_active(in.active);
  out->set_status(in.status);
  out->set_message(in.message);
  out->set_created_unix_ms(in.created_unix_ms);
  out->set_train_songs(static_cast<uint32_t>(in.train_songs));
  out->set_val_songs(static_cast<uint32_t>(in.val_songs));
  out->set_kind(in.kind);
  if (in.active) out->set_profile(in.profile);  // what the active model renders with
  if (!in.metrics.empty()) {
    google::protobuf::TextFormat::ParseFromString(in.metrics, out->mutable_classify_metrics());
  }
}

void ToProto(const learn::ShowReport& in, v1::GetReportReply* out) {
  out->set_song_id(in.song_id);
  out->set_song_name(in.song_name);
  out->set_show_id(in.show_id);
  out->set_renderer(in.renderer);
  out->set_profile(in.profile);
  for (size_t i = 0; i < in.channels.size(); ++i) {
    auto* c = out->add_channels();
    c->set_channel(static_cast<uint32_t>(i));
    c->set_duty(in.channels[i].duty);
    c->set_toggles_per_s(in.channels[i].toggles_per_s);
    c->set_shortest_dwell_ms(in.channels[i].shortest_dwell_ms);
    c->set_dead(in.channels[i].dead);
  }
  out->set_model_mse(in.model_mse);
  out->set_pca_mse(in.pca_mse);
  out->set_dark_start_s(in.dark_start_s);
  out->set_duration_s(in.duration_s);
  out->set_frame_period_ns(in.frame_period_ns);
  out->set_masks(in.masks);
  for (float db : in.loudness_db) out->add_loudness_db(db);
  out->set_dead_channels(static_cast<uint32_t>(in.dead_channels));
  out->set_min_dwell_ms(in.min_dwell_ms);
  if (in.music) *out->mutable_analysis() = analysis::ToProto(*in.music);
  if (in.quality) {
    const auto& q = *in.quality;
    auto* p = out->mutable_quality();
    p->set_judge_bpm(q.judge_bpm);
    p->set_beat_precision(q.beat_precision);
    p->set_beat_null(q.beat_null);
    p->set_beat_lift(q.beat_lift);
    p->set_onset_lift(q.onset_lift);
    p->set_beat_coverage(q.beat_coverage);
    p->set_loudness_r(q.loudness_r);
    p->set_contrast(q.contrast);
    p->set_redundancy(q.redundancy);
    p->set_toggles_per_s(q.toggles_per_s);
    p->set_relay_ok(q.relay_ok);
  }
}

}  // namespace ls::api
