#include "gpio/sim_outputs.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/clock.h"

namespace ls::agent {
namespace {
constexpr char kHeader[] = "frame,scheduled_ns,applied_ns,mask\n";
}  // namespace

absl::StatusOr<std::unique_ptr<SimOutputs>> SimOutputs::Open(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("sim output path is empty");
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("cannot open sim output file '", path, "': ", std::strerror(errno)));
  }
  struct stat st {};
  if (fstat(fileno(f), &st) != 0) {
    const int err = errno;
    std::fclose(f);
    return absl::UnavailableError(
        absl::StrCat("cannot stat sim output file '", path, "': ", std::strerror(err)));
  }
  std::unique_ptr<SimOutputs> out(new SimOutputs(f, path));
  // Appending to an existing log keeps one header at the top.
  if (st.st_size == 0) {
    if (std::fputs(kHeader, f) < 0 || std::fflush(f) != 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot write sim output file '", path, "': ", std::strerror(errno)));
    }
  }
  return out;
}

SimOutputs::~SimOutputs() {
  if (file_ != nullptr) std::fclose(file_);
}

std::string SimOutputs::FormatLine(int64_t frame, int64_t scheduled_ns, int64_t applied_ns,
                                   uint8_t mask) {
  return absl::StrFormat("%d,%d,%d,%02x\n", frame, scheduled_ns, applied_ns,
                         static_cast<unsigned>(mask));
}

absl::Status SimOutputs::WriteLine(int64_t frame, int64_t scheduled_ns, uint8_t mask) {
  const std::string line = FormatLine(frame, scheduled_ns, NowRealtimeNs(), mask);
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() ||
      std::fflush(file_) != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot write sim output file '", path_, "': ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

absl::Status SimOutputs::Set(uint8_t mask, const FrameStamp& stamp) {
  return WriteLine(stamp.frame, stamp.scheduled_ns, mask);
}

absl::Status SimOutputs::AllOff(int64_t scheduled_ns) {
  return WriteLine(-1, scheduled_ns == 0 ? NowRealtimeNs() : scheduled_ns, 0);
}

}  // namespace ls::agent
