#pragma once
/// A small in-process Control service on 127.0.0.1:0 that records what lsctl
/// sends and answers with canned data; some inputs trigger errors.

#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "grpcpp/server.h"
#include "lightshow/v1/control.grpc.pb.h"

namespace ls::cli::testing {

/// What the service saw of one call.
struct CallRecord {
  std::string method;
  std::string authorization;  // the metadata value, "" if absent
  double deadline_s = -1;     // seconds from receipt to the deadline; -1 = none
};

/// One recorded upload.
struct UploadRecord {
  bool header_first = false;
  std::string name;
  uint64_t size_bytes = 0;
  std::vector<size_t> chunk_sizes;  // data chunks in order
  std::string data;                 // reassembled
};

/// The service. Thread-safe (gRPC calls it from its own threads).
///  - Upload of a name containing "huge" → RESOURCE_EXHAUSTED right after the header.
///  - Upload of a name containing "bad" → INVALID_ARGUMENT "not an audio file: NAME".
///  - Play of song "missing" → NOT_FOUND; of song "broken" → WatchShow fails midway.
///  - Any call without "authorization: Bearer <token>" → UNAUTHENTICATED.
class FakeControl final : public lightshow::v1::Control::Service {
 public:
  explicit FakeControl(std::string token) : token_(std::move(token)) {}

  grpc::Status Upload(grpc::ServerContext* ctx,
                      grpc::ServerReader<lightshow::v1::UploadChunk>* reader,
                      lightshow::v1::UploadReply* reply) override;
  grpc::Status ListSongs(grpc::ServerContext* ctx, const lightshow::v1::ListSongsRequest* req,
                         lightshow::v1::ListSongsReply* reply) override;
  grpc::Status GetSong(grpc::ServerContext* ctx, const lightshow::v1::GetSongRequest* req,
                       lightshow::v1::GetSongReply* reply) override;
  grpc::Status Play(grpc::ServerContext* ctx, const lightshow::v1::PlayRequest* req,
                    lightshow::v1::PlayReply* reply) override;
  grpc::Status Stop(grpc::ServerContext* ctx, const lightshow::v1::StopRequest* req,
                    lightshow::v1::StopReply* reply) override;
  grpc::Status WatchShow(grpc::ServerContext* ctx, const lightshow::v1::WatchShowRequest* req,
                         grpc::ServerWriter<lightshow::v1::ShowStatus>* writer) override;
  grpc::Status ListAgents(grpc::ServerContext* ctx, const lightshow::v1::ListAgentsRequest* req,
                          lightshow::v1::ListAgentsReply* reply) override;

  std::vector<CallRecord> calls() const;
  std::vector<UploadRecord> uploads() const;
  lightshow::v1::PlayRequest last_play() const;
  std::string last_stop() const;

  /// The song the fake catalog returns.
  static lightshow::v1::Song SampleSong();

 private:
  grpc::Status Check(grpc::ServerContext* ctx, const std::string& method);

  const std::string token_;
  mutable std::mutex mu_;
  std::vector<CallRecord> calls_;
  std::vector<UploadRecord> uploads_;
  std::set<std::string> stored_;  // uploaded bytes, for duplicate=true
  lightshow::v1::PlayRequest last_play_;
  std::string last_stop_ = "<none>";
};

/// FakeControl served on 127.0.0.1 with a kernel-chosen port.
class FakeServer {
 public:
  explicit FakeServer(const std::string& token);
  ~FakeServer();
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  FakeControl& service() { return service_; }

 private:
  FakeControl service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace ls::cli::testing
