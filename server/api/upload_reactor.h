#pragma once
/// Control.Upload: collects the header and data chunks (hashing as they come),
/// enforces the size limit, then hands the bytes to the worker pool for decode,
/// STFT and render; the worker finishes the RPC. Deletes itself in OnDone.
/// Limits: one of deps.upload_slots for its whole life (RESOURCE_EXHAUSTED
/// when none is free) and deps.upload_timeout_ms from start to reply; a
/// watchdog alarm ends a stalled upload with DEADLINE_EXCEEDED.
/// Thread-safety: gRPC serialises the read callbacks; the watchdog and the
/// worker go through mu_ so the call is finished exactly once.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "api/deps.h"
#include "common/sha256.h"
#include "grpcpp/alarm.h"
#include "grpcpp/grpcpp.h"
#include "lightshow/v1/control.pb.h"

namespace ls::api {

class UploadReactor : public grpc::ServerReadReactor<lightshow::v1::UploadChunk> {
 public:
  UploadReactor(grpc::CallbackServerContext* ctx, const ServiceDeps& deps,
                lightshow::v1::UploadReply* reply);

  void OnReadDone(bool ok) override;
  void OnDone() override;

 private:
  /// Shared with the watchdog alarm's callback, which may run after OnDone.
  struct Watchdog {
    std::recursive_mutex mu;
    UploadReactor* reactor = nullptr;
  };
  void OnTimeout();
  grpc::Status TimeoutStatus() const;
  bool TimedOut() const;
  void Fail(const grpc::Status& status);
  void Complete(const grpc::Status& status);
  void StartIngest();

  const ServiceDeps& deps_;
  lightshow::v1::UploadReply* reply_;
  lightshow::v1::UploadChunk chunk_;
  std::mutex mu_;
  bool finished_ = false;   // Finish was called (guarded by mu_)
  bool ingesting_ = false;  // handed to the worker: the watchdog stands down (guarded by mu_)
  bool slot_held_ = false;
  bool counted_ = false;  ///< in lightshow_uploads_in_progress
  std::shared_ptr<Watchdog> watchdog_;
  grpc::Alarm alarm_;
  bool have_header_ = false;
  int data_chunks_ = 0;
  std::string name_;
  std::string bytes_;
  Sha256 hash_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace ls::api
