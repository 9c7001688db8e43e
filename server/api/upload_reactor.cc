#include "api/upload_reactor.h"

#include "common/log.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "api/convert.h"
#include "catalog/crash_point.h"

namespace ls::api {

using lightshow::v1::UploadChunk;

namespace {
double MiB(uint64_t b) { return static_cast<double>(b) / (1024.0 * 1024.0); }
}  // namespace

UploadReactor::UploadReactor(grpc::CallbackServerContext* ctx, const ServiceDeps& deps,
                             lightshow::v1::UploadReply* reply)
    : deps_(deps), reply_(reply), started_(std::chrono::steady_clock::now()) {
  grpc::Status auth = deps_.auth.CheckAdmin(ctx);
  if (!auth.ok()) {
    Complete(auth);
    return;
  }
  if (!deps_.upload_slots.TryAcquire()) {
    Fail(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                      absl::StrCat("too many uploads in progress: the limit is ", deps_.upload_slots.limit(),
                                   " at once (server flag --max-concurrent-uploads); try again when one "
                                   "finishes")));
    return;
  }
  slot_held_ = true;
  deps_.play.metrics.AddUploadsInProgress(1);
  counted_ = true;
  watchdog_ = std::make_shared<Watchdog>();
  watchdog_->reactor = this;
  // The alarm's callback holds only the shared watchdog, never `this` directly.
  alarm_.Set(std::chrono::system_clock::now() + std::chrono::milliseconds(deps_.upload_timeout_ms),
             [w = watchdog_](bool fired) {
               std::lock_guard<std::recursive_mutex> lock(w->mu);
               if (fired && w->reactor) w->reactor->OnTimeout();
             });
  StartRead(&chunk_);
}

grpc::Status UploadReactor::TimeoutStatus() const {
  return grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED,
                      absl::StrCat("upload took longer than the server's limit of ",
                                   deps_.upload_timeout_ms / 1000, " s (server flag --upload-timeout-s)"));
}

bool UploadReactor::TimedOut() const {
  return std::chrono::steady_clock::now() - started_ > std::chrono::milliseconds(deps_.upload_timeout_ms);
}

void UploadReactor::OnTimeout() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_ || ingesting_) return;  // the worker's run is bounded; let it finish
  }
  LogWarning(absl::StrCat("upload '", Escaped(name_), "' cut off: over --upload-timeout-s"));
  Fail(TimeoutStatus());  // last statement: OnDone may run as soon as Finish is called
}

void UploadReactor::Complete(const grpc::Status& status) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return;
    finished_ = true;
  }
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  deps_.play.metrics.RecordRequest("Upload", CodeName(status.error_code()), s);
  Finish(status);
}

void UploadReactor::Fail(const grpc::Status& status) {
  deps_.play.metrics.RecordIngestRejected();
  Complete(status);
}

void UploadReactor::OnReadDone(bool ok) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return;  // the watchdog (or an error) already ended the call
  }
  if (TimedOut()) {
    Fail(TimeoutStatus());
    return;
  }
  if (!ok) {  // client half-closed: everything has arrived
    if (!have_header_) {
      Fail(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "upload had no header message"));
      return;
    }
    StartIngest();
    return;
  }
  if (chunk_.has_header()) {
    if (have_header_) {
      Fail(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "upload sent a second header"));
      return;
    }
    have_header_ = true;
    name_ = chunk_.header().name();
    if (name_.size() > 255) name_.resize(255);
    uint64_t announced = chunk_.header().size_bytes();
    if (announced > deps_.max_upload_bytes) {
      Fail(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        absl::StrCat("file is ", absl::StrFormat("%.1f", MiB(announced)),
                                     " MiB, over the upload limit of ",
                                     absl::StrFormat("%.1f", MiB(deps_.max_upload_bytes)),
                                     " MiB (server flag --max-upload-mb)")));
      return;
    }
    if (announced > 0) bytes_.reserve(announced);
  } else if (chunk_.part_case() == UploadChunk::kData) {
    if (!have_header_) {
      Fail(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        "upload must start with a header message, got data first"));
      return;
    }
    if (bytes_.size() + chunk_.data().size() > deps_.max_upload_bytes) {
      Fail(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                        absl::StrCat("upload exceeds the limit of ",
                                     absl::StrFormat("%.1f", MiB(deps_.max_upload_bytes)),
                                     " MiB (server flag --max-upload-mb)")));
      return;
    }
    hash_.Update(chunk_.data());
    bytes_.append(chunk_.data());
    if (++data_chunks_ == 2) catalog::CrashPoint("mid_upload");
  } else {
    Fail(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "upload chunk is neither header nor data"));
    return;
  }
  StartRead(&chunk_);
}

void UploadReactor::StartIngest() {
  double upload_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::string digest = hash_.HexDigest();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finished_) return;
    ingesting_ = true;
  }
  // Decode/STFT/render are heavy: never inside a gRPC callback.
  bool queued = deps_.pool.Submit([this, digest, upload_s] {
    if (TimedOut()) {  // waited in the queue behind other work past the limit
      Fail(TimeoutStatus());
      return;
    }
    auto result = deps_.play.ingestor.Ingest(bytes_, name_, digest);
    if (!result.ok()) {
      LogWarning(absl::StrCat("upload '", Escaped(name_), "' rejected: ", result.status().message()));
      Fail(ToGrpc(result.status()));
      return;
    }
    ToProto(result->song, reply_->mutable_song());
    reply_->set_duplicate(result->duplicate);
    auto* t = reply_->add_timings();
    t->set_stage("upload");
    t->set_seconds(upload_s);
    for (const auto& [stage, s] : result->timings) {
      auto* st = reply_->add_timings();
      st->set_stage(stage);
      st->set_seconds(s);
    }
    if (!result->duplicate) deps_.play.metrics.RecordIngest(bytes_.size(), result->timings);
    std::string().swap(bytes_);  // free the song's memory before the reply goes out
    Complete(grpc::Status::OK);
  });
  if (!queued) Fail(grpc::Status(grpc::StatusCode::UNAVAILABLE, "server is shutting down"));
}

void UploadReactor::OnDone() {
  if (watchdog_) {
    std::lock_guard<std::recursive_mutex> lock(watchdog_->mu);
    watchdog_->reactor = nullptr;
  }
  alarm_.Cancel();
  if (slot_held_) deps_.upload_slots.Release();
  if (counted_) deps_.play.metrics.AddUploadsInProgress(-1);
  delete this;
}

}  // namespace ls::api
