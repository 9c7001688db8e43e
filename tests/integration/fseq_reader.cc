#include "fseq_reader.h"

#include <zlib.h>
#include <zstd.h>

namespace ls::it {
namespace {

uint32_t Le(const std::string& b, size_t at, int n) {
  uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(b[at + i]);
  return v;
}

bool Fail(std::string* error, const std::string& why) {
  *error = why;
  return false;
}

}  // namespace

bool ReadFseq(const std::string& b, FseqFile* f, std::string* error) {
  if (b.size() < 32) return Fail(error, "shorter than the 32-byte header");
  if (b.compare(0, 4, "PSEQ") != 0) return Fail(error, "magic is not PSEQ");
  f->data_offset = static_cast<uint16_t>(Le(b, 4, 2));
  f->minor = static_cast<uint8_t>(b[6]);
  f->major = static_cast<uint8_t>(b[7]);
  f->header_length = static_cast<uint16_t>(Le(b, 8, 2));
  f->channels = Le(b, 10, 4);
  f->frame_count = Le(b, 14, 4);
  f->step_ms = static_cast<uint8_t>(b[18]);
  f->compression = static_cast<uint8_t>(b[20]) & 0x0f;
  f->block_count = static_cast<uint8_t>(b[21]);
  f->sparse_ranges = static_cast<uint8_t>(b[22]);
  if (f->data_offset > b.size()) return Fail(error, "data offset past the end of the file");
  size_t at = 32;
  for (int i = 0; i < f->block_count; ++i, at += 8) {
    if (at + 8 > f->data_offset) return Fail(error, "block index runs into the data");
    f->blocks.emplace_back(Le(b, at, 4), Le(b, at + 4, 4));
  }
  at += 6u * f->sparse_ranges;
  // Variable headers: u16 length (with its 4-byte head), 2-char code, data.
  while (at + 4 <= f->data_offset) {
    uint32_t len = Le(b, at, 2);
    if (len == 0) break;  // padding
    if (len < 4 || at + len > f->data_offset) return Fail(error, "variable header overruns the header");
    std::string code = b.substr(at + 2, 2);
    std::string text = b.substr(at + 4, len - 4);
    if (!text.empty() && text.back() == '\0') text.pop_back();
    f->headers[code] = text;
    at += len;
  }
  const size_t frame_bytes = f->channels;
  std::string raw;
  if (f->compression == 0) {
    raw = b.substr(f->data_offset);
  } else {
    size_t pos = f->data_offset;
    for (size_t i = 0; i < f->blocks.size(); ++i) {
      auto [first, len] = f->blocks[i];
      if (len == 0) continue;
      if (pos + len > b.size()) return Fail(error, "a compression block runs past the end of the file");
      if (first * frame_bytes != raw.size()) return Fail(error, "block " + std::to_string(i) + " starts at the wrong frame");
      uint32_t next = i + 1 < f->blocks.size() ? f->blocks[i + 1].first : f->frame_count;
      std::string out(size_t{next - first} * frame_bytes, '\0');
      if (f->compression == 1) {
        size_t n = ZSTD_decompress(out.data(), out.size(), b.data() + pos, len);
        if (ZSTD_isError(n) || n != out.size()) return Fail(error, "zstd block " + std::to_string(i) + " is bad");
      } else if (f->compression == 2) {
        uLongf n = out.size();
        if (uncompress(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(b.data() + pos),
                       len) != Z_OK || n != out.size()) {
          return Fail(error, "zlib block " + std::to_string(i) + " is bad");
        }
      } else {
        return Fail(error, "unknown compression type " + std::to_string(f->compression));
      }
      raw += out;
      pos += len;
    }
    if (pos != b.size()) return Fail(error, "bytes left after the last block");
  }
  if (raw.size() != size_t{f->frame_count} * frame_bytes) {
    return Fail(error, "channel data is " + std::to_string(raw.size()) + " bytes, expected " +
                           std::to_string(size_t{f->frame_count} * frame_bytes));
  }
  for (uint32_t i = 0; i < f->frame_count; ++i) f->frames.push_back(raw.substr(i * frame_bytes, frame_bytes));
  return true;
}

}  // namespace ls::it
