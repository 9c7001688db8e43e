#pragma once
/// An exclusive lock on a data directory (flock on DIR/lock), so only one
/// server uses a data dir: two would both run the start-up consistency check
/// and delete each other's fresh blobs, and both resume the same jobs.
/// The lock file holds the holder's pid, for the message a second server gives.
/// Not copyable; the lock is released when the object is destroyed (or the
/// process dies: the kernel drops flock locks with the last descriptor).

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace ls {

class DirLock {
 public:
  /// Takes the lock without waiting. A held lock is FAILED_PRECONDITION naming
  /// the directory and the holder's pid; other failures are INTERNAL.
  static absl::StatusOr<std::unique_ptr<DirLock>> Acquire(const std::string& dir);
  ~DirLock();
  DirLock(const DirLock&) = delete;
  DirLock& operator=(const DirLock&) = delete;

 private:
  explicit DirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace ls
