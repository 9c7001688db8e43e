#pragma once
/// Learned-show records ↔ protobuf (learn.proto). Pure; thread-safe.

#include "jobs/job_store.h"
#include "lightshow/v1/learn.pb.h"
#include "models/model_store.h"
#include "learn/show_report.h"
#include "models/train_settings.h"

namespace ls::api {

/// Request settings → TrainSettings: unset fields (0 / empty, without their
/// has_ flag) take the defaults; song ids are passed on unresolved.
models::TrainSettings FromProto(const lightshow::v1::TrainSettings& in);
void ToProto(const jobs::JobRecord& in, lightshow::v1::Job* out);
void ToProto(const models::ModelRecord& in, lightshow::v1::ModelInfo* out);
void ToProto(const learn::ShowReport& in, lightshow::v1::GetReportReply* out);

}  // namespace ls::api
