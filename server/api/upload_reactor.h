#pragma once
/// Control.Upload: collects the header and data chunks (hashing as they come),
/// enforces the size limit, then hands the bytes to the worker pool for decode,
/// STFT and render; the worker finishes the RPC. Deletes itself in OnDone.

#include <chrono>
#include <string>

#include "api/deps.h"
#include "common/sha256.h"
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
  void Fail(const grpc::Status& status);
  void Complete(const grpc::Status& status);
  void StartIngest();

  const ServiceDeps& deps_;
  lightshow::v1::UploadReply* reply_;
  lightshow::v1::UploadChunk chunk_;
  bool have_header_ = false;
  std::string name_;
  std::string bytes_;
  Sha256 hash_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace ls::api
