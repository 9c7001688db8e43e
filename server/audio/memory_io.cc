#include "audio/memory_io.h"

#include "absl/strings/str_cat.h"
#include "audio/limits.h"
#include "audio/wav_header.h"
#include "common/status_macros.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace ls::audio {
namespace {

MemoryFile* Self(void* user) { return static_cast<MemoryFile*>(user); }

sf_count_t IoSize(void* user) { return Self(user)->Size(); }
sf_count_t IoSeek(sf_count_t off, int whence, void* user) { return Self(user)->Seek(off, whence); }
sf_count_t IoRead(void* dst, sf_count_t n, void* user) { return Self(user)->Read(dst, n); }
sf_count_t IoWrite(const void* src, sf_count_t n, void* user) { return Self(user)->Write(src, n); }
sf_count_t IoTell(void* user) { return Self(user)->Tell(); }

}  // namespace

SF_VIRTUAL_IO* MemoryFile::Io() {
  // Stateless table of function pointers; the state travels in user data.
  static SF_VIRTUAL_IO io = {IoSize, IoSeek, IoRead, IoWrite, IoTell};
  return &io;
}

sf_count_t MemoryFile::Size() const {
  return writable_ ? static_cast<sf_count_t>(buf_.size()) : static_cast<sf_count_t>(view_.size());
}

sf_count_t MemoryFile::Seek(sf_count_t offset, int whence) {
  sf_count_t base = whence == SEEK_CUR ? pos_ : whence == SEEK_END ? Size() : 0;
  sf_count_t target = base + offset;
  if (target < 0) return -1;
  // Reading: clamp to the end. Writing: seeking past the end is allowed and
  // the gap is zero-filled on the next write.
  pos_ = writable_ ? target : std::min(target, Size());
  return pos_;
}

sf_count_t MemoryFile::Read(void* dst, sf_count_t count) {
  sf_count_t avail = std::max<sf_count_t>(0, Size() - pos_);
  sf_count_t n = std::min(std::max<sf_count_t>(count, 0), avail);
  const char* src = writable_ ? buf_.data() : view_.data();
  if (n > 0) std::memcpy(dst, src + pos_, static_cast<size_t>(n));
  pos_ += n;
  return n;
}

sf_count_t MemoryFile::Write(const void* src, sf_count_t count) {
  if (!writable_ || count <= 0) return 0;
  size_t end = static_cast<size_t>(pos_ + count);
  if (end > buf_.size()) buf_.resize(end, '\0');
  std::memcpy(&buf_[static_cast<size_t>(pos_)], src, static_cast<size_t>(count));
  pos_ += count;
  return count;
}

absl::StatusOr<SfHandle> OpenForReading(std::string_view bytes, MemoryFile& mem, SF_INFO& info) {
  if (bytes.empty()) return absl::InvalidArgumentError("audio is empty (0 bytes)");
  LS_RETURN_IF_ERROR(CheckWavHeader(bytes));
  info = SF_INFO{};
  SfHandle f(sf_open_virtual(MemoryFile::Io(), SFM_READ, &info, &mem));
  if (!f) {
    return absl::InvalidArgumentError(absl::StrCat(
        "not audio in a supported format (WAV, FLAC, OGG Vorbis, Opus, MP3): ", bytes.size(), " bytes"));
  }
  if (info.channels < kMinChannels || info.channels > kMaxChannels || info.samplerate < kMinRate ||
      info.samplerate > kMaxRate) {
    return absl::InvalidArgumentError(
        absl::StrCat("unsupported audio: ", info.channels, " channels at ", info.samplerate, " Hz"));
  }
  return f;
}

}  // namespace ls::audio
