#pragma once
/// libsndfile virtual I/O over memory: read from a caller's bytes or write
/// into an owned string. Internal to ls::audio.
/// Thread-safety: one MemoryFile per SNDFILE; not shared between threads.

#include <sndfile.h>

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace ls::audio {

class MemoryFile {
 public:
  /// Read-only view of `bytes` (must outlive the SNDFILE).
  explicit MemoryFile(std::string_view bytes) : view_(bytes), writable_(false) {}
  /// Empty, growable buffer for writing.
  MemoryFile() : writable_(true) {}

  /// The callbacks libsndfile calls with `this` as user data.
  static SF_VIRTUAL_IO* Io();

  /// Bytes written so far (write mode).
  std::string Take() { return std::move(buf_); }

  sf_count_t Size() const;
  sf_count_t Seek(sf_count_t offset, int whence);
  sf_count_t Read(void* dst, sf_count_t count);
  sf_count_t Write(const void* src, sf_count_t count);
  sf_count_t Tell() const { return pos_; }

 private:
  std::string_view view_;
  std::string buf_;
  bool writable_;
  sf_count_t pos_ = 0;
};

struct SfCloser {
  void operator()(SNDFILE* f) const { sf_close(f); }
};
using SfHandle = std::unique_ptr<SNDFILE, SfCloser>;

/// Opens `bytes` for reading (`mem` must view them and outlive the handle)
/// after the WAV header check, and checks the channel and rate limits; fills
/// `info`. INVALID_ARGUMENT naming what is wrong.
absl::StatusOr<SfHandle> OpenForReading(std::string_view bytes, MemoryFile& mem, SF_INFO& info);

}  // namespace ls::audio
