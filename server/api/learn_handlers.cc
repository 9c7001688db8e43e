// Control.StartTraining / ListJobs / GetJob / CancelJob / ListModels /
// ActivateModel / GetReport: learned light shows. Quick catalog work runs
// inline; GetReport (decode + STFT + inference) runs on the worker pool.
#include <chrono>

#include "api/control_service.h"
#include "api/convert.h"
#include "api/learn_convert.h"
#include "api/unary.h"

namespace ls::api {
namespace {

namespace v1 = lightshow::v1;

}  // namespace

grpc::ServerUnaryReactor* ControlService::StartTraining(grpc::CallbackServerContext* ctx,
                                                        const v1::StartTrainingRequest* req,
                                                        v1::StartTrainingReply* reply) {
  return Unary(ctx, deps_, "StartTraining", [=] {
    auto job = deps_.learn.StartTraining(FromProto(req->settings()));
    if (!job.ok()) return ToGrpc(job.status());
    ToProto(*job, reply->mutable_job());
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::ListJobs(grpc::CallbackServerContext* ctx,
                                                   const v1::ListJobsRequest*,
                                                   v1::ListJobsReply* reply) {
  return Unary(ctx, deps_, "ListJobs", [=] {
    auto jobs = deps_.learn.Jobs();
    if (!jobs.ok()) return ToGrpc(jobs.status());
    for (const auto& j : *jobs) {
      auto* out = reply->add_jobs();
      ToProto(j, out);
      if (auto m = deps_.learn.JobMetrics(j)) *out->mutable_classify_metrics() = *m;
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::GetJob(grpc::CallbackServerContext* ctx,
                                                 const v1::GetJobRequest* req,
                                                 v1::GetJobReply* reply) {
  return Unary(ctx, deps_, "GetJob", [=] {
    auto job = deps_.learn.Job(req->id());
    if (!job.ok()) return ToGrpc(job.status());
    ToProto(*job, reply->mutable_job());
    if (auto m = deps_.learn.JobMetrics(*job)) *reply->mutable_job()->mutable_classify_metrics() = *m;
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::CancelJob(grpc::CallbackServerContext* ctx,
                                                    const v1::CancelJobRequest* req,
                                                    v1::CancelJobReply* reply) {
  return Unary(ctx, deps_, "CancelJob", [=] {
    auto job = deps_.learn.Cancel(req->id());
    if (!job.ok()) return ToGrpc(job.status());
    ToProto(*job, reply->mutable_job());
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::ListModels(grpc::CallbackServerContext* ctx,
                                                     const v1::ListModelsRequest*,
                                                     v1::ListModelsReply* reply) {
  return Unary(ctx, deps_, "ListModels", [=] {
    auto models = deps_.learn.Models();
    if (!models.ok()) return ToGrpc(models.status());
    for (const auto& m : *models) ToProto(m, reply->add_models());
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::ActivateModel(grpc::CallbackServerContext* ctx,
                                                        const v1::ActivateModelRequest* req,
                                                        v1::ActivateModelReply* reply) {
  return Unary(ctx, deps_, "ActivateModel", [=] {
    if (req->id().empty()) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "model: id is empty (give a model id or 'bands')");
    }
    auto done = deps_.learn.Activate(req->id(), req->profile());
    if (!done.ok()) return ToGrpc(done.status());
    ToProto(done->first, reply->mutable_model());
    reply->set_shows_queued(static_cast<uint32_t>(done->second));
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::GetReport(grpc::CallbackServerContext* ctx,
                                                    const v1::GetReportRequest* req,
                                                    v1::GetReportReply* reply) {
  auto t0 = std::chrono::steady_clock::now();
  auto* reactor = ctx->DefaultReactor();
  auto finish = [this, reactor, t0](const grpc::Status& st) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    deps_.play.metrics.RecordRequest("GetReport", CodeName(st.error_code()), s);
    reactor->Finish(st);
  };
  grpc::Status st = deps_.auth.CheckAdmin(ctx);
  if (!st.ok()) {
    finish(st);
    return reactor;
  }
  // Decoding and inference take a while: off the callback thread.
  std::string id = req->song_id();
  if (!deps_.pool.Submit([this, id, reply, finish] {
        auto report = deps_.learn.Report(id);
        if (!report.ok()) return finish(ToGrpc(report.status()));
        ToProto(*report, reply);
        finish(grpc::Status::OK);
      })) {
    finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
  }
  return reactor;
}

}  // namespace ls::api
