#include "stream/show_watcher.h"

namespace ls::stream {

using lightshow::v1::ShowStatus;

bool ShowWatcher::Terminal(const ShowStatus& s) {
  return s.state() == ShowStatus::FINISHED || s.state() == ShowStatus::STOPPED;
}

void ShowWatcher::Offer(const ShowStatus& status) {
  std::unique_lock<std::mutex> lock(mu_);
  if (writing_ || finished_ || finish_after_write_) return;
  writing_ = true;
  out_ = status;
  finish_after_write_ = Terminal(status);
  lock.unlock();
  StartWrite(&out_);
}

void ShowWatcher::FinishNow(const grpc::Status& status) {
  std::unique_lock<std::mutex> lock(mu_);
  if (finished_) return;
  if (writing_) {
    finish_after_write_ = true;
    return;
  }
  finished_ = true;
  lock.unlock();
  Finish(status);
}

void ShowWatcher::OnWriteDone(bool ok) {
  std::unique_lock<std::mutex> lock(mu_);
  writing_ = false;
  if (!ok || finish_after_write_) {
    if (finished_) return;
    finished_ = true;
    lock.unlock();
    Finish(grpc::Status::OK);
  }
}

void ShowWatcher::OnCancel() { FinishNow(grpc::Status::CANCELLED); }

void ShowWatcher::OnDone() {
  if (on_done_) on_done_(this);
  delete this;
}

}  // namespace ls::stream
