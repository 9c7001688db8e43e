#pragma once
/// Control.WatchShow stream: the player offers the latest status every tick;
/// the watcher writes it when no write is in flight (stale ones are skipped)
/// and finishes after a terminal state. Thread-safe; deletes itself in OnDone.

#include <functional>
#include <mutex>

#include "grpcpp/grpcpp.h"
#include "lightshow/v1/control.pb.h"

namespace ls::stream {

class ShowWatcher : public grpc::ServerWriteReactor<lightshow::v1::ShowStatus> {
 public:
  /// `on_done` runs once, before deletion (the player forgets the watcher there).
  explicit ShowWatcher(std::function<void(ShowWatcher*)> on_done) : on_done_(std::move(on_done)) {}

  void Offer(const lightshow::v1::ShowStatus& status);
  void FinishNow(const grpc::Status& status);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  static bool Terminal(const lightshow::v1::ShowStatus& s);

  std::function<void(ShowWatcher*)> on_done_;
  std::mutex mu_;
  lightshow::v1::ShowStatus out_;
  bool writing_ = false;
  bool finished_ = false;
  bool finish_after_write_ = false;
};

}  // namespace ls::stream
