#pragma once
/// libsndfile virtual I/O over memory: read from a caller's bytes or write
/// into an owned string. Internal to ls::audio.
/// Thread-safety: one MemoryFile per SNDFILE; not shared between threads.

#include <sndfile.h>

#include <string>
#include <string_view>

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

}  // namespace ls::audio
