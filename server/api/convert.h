#pragma once
/// Catalog records → protobuf messages, and absl::Status → grpc::Status
/// (the only place the two status types meet).

#include "absl/status/status.h"
#include "catalog/records.h"
#include "grpcpp/grpcpp.h"
#include "lightshow/v1/common.pb.h"

namespace ls::api {

void ToProto(const catalog::SongRecord& in, lightshow::v1::Song* out);
void ToProto(const catalog::ShowRecord& in, lightshow::v1::ShowInfo* out);
grpc::Status ToGrpc(const absl::Status& s);
/// "OK", "INVALID_ARGUMENT", … for metric labels.
const char* CodeName(grpc::StatusCode code);

}  // namespace ls::api
