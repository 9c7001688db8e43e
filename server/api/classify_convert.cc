#include "api/classify_convert.h"

namespace ls::api {

namespace v1 = lightshow::v1;

learn::ClassifyQuery FromProto(const v1::ClassifyRequest& in) {
  learn::ClassifyQuery q;
  q.model_id = in.model_id();
  q.song_id = in.song_id();
  q.validate_only = in.validate_only();
  q.local_duration_s = in.local_duration_s();
  return q;
}

void ToProto(const learn::ClassifyOutcome& in, bool frame_probs, v1::ClassifyReply* out) {
  out->set_song_id(in.song_id);
  out->set_model_id(in.model_id);
  out->set_model_kind(in.model_kind);
  out->set_duration_s(in.duration_s);
  if (in.end) {
    out->set_has_end(in.end->has_end);
    out->set_end_s(in.end->end_s);
    out->set_frame_period_s(in.frame_period_s);
    if (frame_probs) *out->mutable_frame_probs() = {in.end->prob.begin(), in.end->prob.end()};
  }
  if (in.clip) {
    const classify::SongPrediction& p = *in.clip;
    auto name = [&](int l) {
      return l == classify::kUnknown || l < 0 || static_cast<size_t>(l) >= in.labels.size() ? std::string("unknown")
                                                                                          : in.labels[l];
    };
    out->set_label(name(p.label));
    for (const auto& l : in.labels) out->add_labels(l);
    *out->mutable_probs() = {p.probs.begin(), p.probs.end()};
    for (size_t i = 0; i < p.clip_label.size(); ++i) {
      auto* c = out->add_clips();
      c->set_start_s(p.clip_start_s[i]);
      c->set_label(name(p.clip_label[i]));
      *c->mutable_probs() = {p.clip_probs[i].begin(), p.clip_probs[i].end()};
      c->set_distance(p.clip_distance[i]);
    }
  }
  if (in.seconds > 0) out->set_seconds(in.seconds);
}

}  // namespace ls::api
