#include "api/convert.h"

namespace ls::api {

void ToProto(const catalog::SongRecord& s, lightshow::v1::Song* out) {
  out->set_id(s.id);
  out->set_name(s.name);
  out->set_format(s.format);
  out->set_size_bytes(static_cast<uint64_t>(s.size_bytes));
  out->set_source_sample_rate(static_cast<uint32_t>(s.source_sample_rate));
  out->set_source_channels(static_cast<uint32_t>(s.source_channels));
  out->set_duration_s(s.duration_s);
  out->set_frame_count(static_cast<uint32_t>(s.frame_count));
  out->set_hop(static_cast<uint32_t>(s.hop));
  out->set_created_unix_ms(s.created_unix_ms);
  out->set_show_id(s.show_id);
}

void ToProto(const catalog::ShowRecord& s, lightshow::v1::ShowInfo* out) {
  out->set_id(s.id);
  out->set_song_id(s.song_id);
  out->set_renderer(s.renderer);
  out->set_channels(static_cast<uint32_t>(s.channels));
  out->set_frame_count(static_cast<uint32_t>(s.frame_count));
  out->set_frame_period_ns(s.frame_period_ns);
  out->set_created_unix_ms(s.created_unix_ms);
}

grpc::Status ToGrpc(const absl::Status& s) {
  if (s.ok()) return grpc::Status::OK;
  // absl and gRPC share the canonical code numbering.
  return grpc::Status(static_cast<grpc::StatusCode>(s.code()), std::string(s.message()));
}

const char* CodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::OK: return "OK";
    case grpc::CANCELLED: return "CANCELLED";
    case grpc::UNKNOWN: return "UNKNOWN";
    case grpc::INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case grpc::DEADLINE_EXCEEDED: return "DEADLINE_EXCEEDED";
    case grpc::NOT_FOUND: return "NOT_FOUND";
    case grpc::ALREADY_EXISTS: return "ALREADY_EXISTS";
    case grpc::PERMISSION_DENIED: return "PERMISSION_DENIED";
    case grpc::RESOURCE_EXHAUSTED: return "RESOURCE_EXHAUSTED";
    case grpc::FAILED_PRECONDITION: return "FAILED_PRECONDITION";
    case grpc::ABORTED: return "ABORTED";
    case grpc::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case grpc::UNIMPLEMENTED: return "UNIMPLEMENTED";
    case grpc::INTERNAL: return "INTERNAL";
    case grpc::UNAVAILABLE: return "UNAVAILABLE";
    case grpc::DATA_LOSS: return "DATA_LOSS";
    case grpc::UNAUTHENTICATED: return "UNAUTHENTICATED";
    default: return "UNKNOWN";
  }
}

}  // namespace ls::api
