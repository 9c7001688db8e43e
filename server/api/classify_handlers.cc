// Control.StartClassifyTraining / Classify. Training requests are checked
// inline (catalog lookups) and queued as jobs; Classify decodes and runs a
// model, so it goes to the worker pool, never the callback thread.
#include <chrono>

#include "api/control_service.h"
#include "api/convert.h"
#include "api/classify_convert.h"
#include "api/learn_convert.h"
#include "api/unary.h"

namespace ls::api {
namespace {

namespace v1 = lightshow::v1;

}  // namespace

grpc::ServerUnaryReactor* ControlService::StartClassifyTraining(
    grpc::CallbackServerContext* ctx, const v1::StartClassifyTrainingRequest* req,
    v1::StartTrainingReply* reply) {
  return Unary(ctx, deps_, "StartClassifyTraining", [=] {
    auto job = deps_.learn.StartClassifyTraining(*req);
    if (!job.ok()) return ToGrpc(job.status());
    if (!job->id.empty()) ToProto(*job, reply->mutable_job());  // none for validate_only
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::Classify(grpc::CallbackServerContext* ctx,
                                                   const v1::ClassifyRequest* req,
                                                   v1::ClassifyReply* reply) {
  auto t0 = std::chrono::steady_clock::now();
  auto* reactor = ctx->DefaultReactor();
  auto kind = std::make_shared<std::string>("none");
  const bool check_only = req->validate_only();
  auto finish = [this, reactor, t0, kind, check_only](const grpc::Status& st) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    deps_.play.metrics.RecordRequest("Classify", CodeName(st.error_code()), s);
    // A check before an upload classifies nothing: not a classification request.
    if (!check_only) deps_.classify_metrics.Record(*kind, CodeName(st.error_code()), s);
    reactor->Finish(st);
  };
  grpc::Status st = deps_.auth.CheckAdmin(ctx);
  if (!st.ok()) {
    finish(st);
    return reactor;
  }
  const learn::ClassifyQuery query = FromProto(*req);
  const bool frame_probs = req->frame_probs();
  if (!deps_.pool.Submit([this, query, frame_probs, reply, finish, kind] {
        auto out = deps_.learn.Classify(query, kind.get());
        if (!out.ok()) return finish(ToGrpc(out.status()));
        ToProto(*out, frame_probs, reply);
        finish(grpc::Status::OK);
      })) {
    finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
  }
  return reactor;
}

}  // namespace ls::api
