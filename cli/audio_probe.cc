#include "cli/audio_probe.h"

#include <sndfile.h>

#include "absl/strings/str_cat.h"

namespace ls::cli {

absl::StatusOr<double> ProbeDurationS(const std::string& path) {
  SF_INFO info{};
  SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
  if (f == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("not audio the server can decode (", sf_strerror(nullptr), ")"));
  }
  sf_close(f);
  // Some formats (streamed MP3, Ogg) may not know their length up front.
  if (info.samplerate <= 0 || info.frames <= 0 || info.frames == SF_COUNT_MAX) return 0.0;
  return static_cast<double>(info.frames) / info.samplerate;
}

}  // namespace ls::cli
