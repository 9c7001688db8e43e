#include "audio/wav_header.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "audio/limits.h"

namespace ls::audio {
namespace {

uint32_t U32(std::string_view b, size_t at) {
  auto u = [&](size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(b[at + i])); };
  return u(0) | u(1) << 8 | u(2) << 16 | u(3) << 24;
}
uint16_t U16(std::string_view b, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8);
}

absl::Status Truncated(size_t size, const char* what) {
  return absl::InvalidArgumentError(absl::StrCat(
      "truncated WAV header: the file is only ", size, " bytes and ends inside ", what,
      "; re-export or re-download the file"));
}

}  // namespace

absl::Status CheckWavHeader(std::string_view bytes) {
  if (bytes.size() < 4 || bytes.substr(0, 4) != "RIFF") return absl::OkStatus();
  if (bytes.size() < 12) return Truncated(bytes.size(), "the RIFF header");
  if (bytes.substr(8, 4) != "WAVE") return absl::OkStatus();

  bool have_fmt = false;
  size_t pos = 12;
  while (true) {
    if (pos + 8 > bytes.size()) {
      return Truncated(bytes.size(), have_fmt ? "the header, before the data chunk"
                                              : "the header, before the fmt chunk");
    }
    std::string_view id = bytes.substr(pos, 4);
    uint32_t size = U32(bytes, pos + 4);
    size_t body = pos + 8;
    size_t present = bytes.size() - body;
    if (id == "fmt ") {
      if (size < 16 || present < 16) return Truncated(bytes.size(), "the fmt chunk");
      int channels = U16(bytes, body + 2);
      int64_t rate = U32(bytes, body + 4);
      if (channels < kMinChannels || channels > kMaxChannels) {
        return absl::InvalidArgumentError(absl::StrCat(
            "WAV header says ", channels, " channels; supported are ", kMinChannels, " to ",
            kMaxChannels));
      }
      if (rate < kMinRate || rate > kMaxRate) {
        return absl::InvalidArgumentError(absl::StrCat(
            "WAV header says sample rate ", rate, " Hz; supported are ", kMinRate, " to ",
            kMaxRate, " Hz"));
      }
      have_fmt = true;
    } else if (id == "data") {
      bool unknown = size == 0 || size == 0xFFFFFFFFu;
      if (!unknown && size > present) {
        return absl::InvalidArgumentError(absl::StrCat(
            "truncated WAV: the data chunk header claims ", size, " bytes of audio but only ",
            present, " are present; the file is cut short, re-export it"));
      }
      return absl::OkStatus();  // libsndfile reads the rest
    }
    // Chunks are padded to an even size.
    size_t next = body + static_cast<size_t>(size) + (size & 1u);
    if (next <= pos) return Truncated(bytes.size(), "a chunk header");
    pos = next;
  }
}

}  // namespace ls::audio
