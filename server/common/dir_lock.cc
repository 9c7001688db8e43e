#include "common/dir_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace ls {
namespace {

std::string HolderPid(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof(buf) - 1, 0);
  std::string pid(buf, n > 0 ? static_cast<size_t>(n) : 0);
  absl::StripAsciiWhitespace(&pid);
  return pid.empty() ? "unknown (still starting)" : pid;
}

}  // namespace

absl::StatusOr<std::unique_ptr<DirLock>> DirLock::Acquire(const std::string& dir) {
  const std::string path = absl::StrCat(dir, "/lock");
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::InternalError(absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string msg =
        err == EWOULDBLOCK
            ? absl::StrCat("data dir ", dir, " is in use by another lightshow-server (pid ",
                           HolderPid(fd), "); stop that one or give another --data-dir")
            : absl::StrCat("cannot lock ", path, ": ", std::strerror(err));
    ::close(fd);
    if (err == EWOULDBLOCK) return absl::FailedPreconditionError(msg);
    return absl::InternalError(msg);
  }
  // Ours now: record our pid for the next one that tries.
  const std::string pid = absl::StrCat(::getpid(), "\n");
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    const std::string err = std::strerror(errno);
    ::close(fd);
    return absl::InternalError(absl::StrCat("cannot write ", path, ": ", err));
  }
  return std::unique_ptr<DirLock>(new DirLock(fd));
}

DirLock::~DirLock() { ::close(fd_); }

}  // namespace ls
