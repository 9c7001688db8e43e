#pragma once
/// Classify request/reply (classify.proto) ↔ learn's ClassifyQuery/Outcome. Pure.

#include "learn/classify_song.h"
#include "lightshow/v1/classify.pb.h"

namespace ls::api {

learn::ClassifyQuery FromProto(const lightshow::v1::ClassifyRequest& in);
/// `frame_probs`: include the end detector's per-frame P(end) (asked for by the client).
void ToProto(const learn::ClassifyOutcome& in, bool frame_probs, lightshow::v1::ClassifyReply* out);

}  // namespace ls::api
