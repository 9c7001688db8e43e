#include "cli/fseq.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "absl/strings/str_cat.h"

namespace ls::cli {
namespace {

constexpr size_t kFixedHeader = 32;
constexpr int kFirstBlockFrames = 10;   // a small first block: players start fast
constexpr size_t kBlockRawBytes = 64 * 1024;
constexpr int kMaxBlocks = 255;

void Put16(std::string& o, size_t at, uint32_t v) {
  o[at] = static_cast<char>(v & 0xff);
  o[at + 1] = static_cast<char>((v >> 8) & 0xff);
}
void Put32(std::string& o, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) o[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

absl::StatusOr<std::string> Compress(FseqCompression c, const std::string& raw) {
  std::string out;
  if (c == FseqCompression::kZstd) {
    out.resize(ZSTD_compressBound(raw.size()));
    size_t n = ZSTD_compress(out.data(), out.size(), raw.data(), raw.size(), 3);
    if (ZSTD_isError(n)) return absl::InternalError(absl::StrCat("zstd: ", ZSTD_getErrorName(n)));
    out.resize(n);
  } else {
    uLongf n = compressBound(raw.size());
    out.resize(n);
    int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &n, reinterpret_cast<const Bytef*>(raw.data()),
                       raw.size(), 6);
    if (rc != Z_OK) return absl::InternalError(absl::StrCat("zlib: compress2 returned ", rc));
    out.resize(n);
  }
  return out;
}

void AddVariableHeader(std::string& o, const char code[2], const std::string& text) {
  const size_t len = 4 + text.size() + 1;
  size_t at = o.size();
  o.resize(at + len, '\0');
  Put16(o, at, static_cast<uint32_t>(len));
  o[at + 2] = code[0];
  o[at + 3] = code[1];
  o.replace(at + 4, text.size(), text);
}

}  // namespace

absl::StatusOr<FseqCompression> ParseFseqCompression(const std::string& name) {
  if (name == "none") return FseqCompression::kNone;
  if (name == "zstd") return FseqCompression::kZstd;
  if (name == "zlib") return FseqCompression::kZlib;
  return absl::InvalidArgumentError(absl::StrCat("compression must be zstd, zlib or none, got '", name, "'"));
}

absl::Status CheckStepMs(int step_ms) {
  if (step_ms < 10 || step_ms > 255) {
    return absl::InvalidArgumentError(absl::StrCat("step time must be 10..255 ms, got ", step_ms));
  }
  return absl::OkStatus();
}

std::string ResampleMasks(const std::string& masks, int bytes_per_frame, int64_t period_ns, int step_ms) {
  if (bytes_per_frame <= 0 || period_ns <= 0 || step_ms <= 0) return "";
  const int64_t frames = static_cast<int64_t>(masks.size()) / bytes_per_frame;
  const int64_t step_ns = int64_t{step_ms} * 1'000'000;
  const int64_t total_ns = frames * period_ns;
  const int64_t steps = (total_ns + step_ns - 1) / step_ns;
  const int channels = bytes_per_frame * 8;
  std::string out(static_cast<size_t>(steps * bytes_per_frame), '\0');
  std::vector<int64_t> on_ns(static_cast<size_t>(channels));
  for (int64_t k = 0; k < steps; ++k) {
    const int64_t a = k * step_ns;
    const int64_t b = a + step_ns;
    std::fill(on_ns.begin(), on_ns.end(), 0);
    for (int64_t i = a / period_ns; i < frames && i * period_ns < b; ++i) {
      const int64_t overlap = std::min(b, (i + 1) * period_ns) - std::max(a, i * period_ns);
      if (overlap <= 0) continue;
      for (int c = 0; c < channels; ++c) {
        if ((static_cast<uint8_t>(masks[i * bytes_per_frame + c / 8]) >> (c % 8)) & 1) on_ns[c] += overlap;
      }
    }
    for (int c = 0; c < channels; ++c) {
      if (2 * on_ns[c] >= step_ns) out[k * bytes_per_frame + c / 8] |= static_cast<char>(1 << (c % 8));
    }
  }
  return out;
}

absl::StatusOr<std::string> WriteFseq(const std::string& step_masks, int channels, const FseqOptions& opts) {
  if (auto st = CheckStepMs(opts.step_ms); !st.ok()) return st;
  if (channels <= 0) return absl::InvalidArgumentError(absl::StrCat("channel count must be positive, got ", channels));
  const size_t bpf = static_cast<size_t>((channels + 7) / 8);
  if (step_masks.size() % bpf != 0) {
    return absl::InvalidArgumentError(absl::StrCat(step_masks.size(), " mask bytes are not whole frames of ", bpf));
  }
  const uint32_t frames = static_cast<uint32_t>(step_masks.size() / bpf);
  // Channel values: 0 or 255 (relays are on or off).
  std::string raw(static_cast<size_t>(frames) * channels, '\0');
  for (uint32_t f = 0; f < frames; ++f) {
    for (int c = 0; c < channels; ++c) {
      if ((static_cast<uint8_t>(step_masks[f * bpf + c / 8]) >> (c % 8)) & 1) raw[size_t{f} * channels + c] = '\xff';
    }
  }
  // Blocks: frame ranges, each compressed on its own.
  std::vector<std::pair<uint32_t, std::string>> blocks;
  if (opts.compression != FseqCompression::kNone && frames > 0) {
    uint32_t per_block = std::max<uint32_t>(kFirstBlockFrames, static_cast<uint32_t>(kBlockRawBytes / channels));
    while ((frames - std::min<uint32_t>(frames, kFirstBlockFrames)) / per_block + 2 > kMaxBlocks) ++per_block;
    for (uint32_t f = 0; f < frames;) {
      uint32_t n = std::min(frames - f, f == 0 ? uint32_t{kFirstBlockFrames} : per_block);
      auto packed = Compress(opts.compression, raw.substr(size_t{f} * channels, size_t{n} * channels));
      if (!packed.ok()) return packed.status();
      blocks.emplace_back(f, std::move(*packed));
      f += n;
    }
  }
  std::string head(kFixedHeader + 8 * blocks.size(), '\0');
  if (!opts.media.empty()) AddVariableHeader(head, "mf", opts.media);
  AddVariableHeader(head, "sp", opts.producer);
  head.resize((head.size() + 3) / 4 * 4, '\0');
  if (head.size() > 0xffff) return absl::InvalidArgumentError("the FSEQ header is too long (media name?)");
  head.replace(0, 4, "PSEQ");
  Put16(head, 4, static_cast<uint32_t>(head.size()));
  head[6] = 0;  // minor
  head[7] = 2;  // major
  Put16(head, 8, static_cast<uint32_t>(head.size()));
  Put32(head, 10, static_cast<uint32_t>(channels));
  Put32(head, 14, frames);
  head[18] = static_cast<char>(opts.step_ms);
  head[20] = static_cast<char>(static_cast<int>(opts.compression));
  head[21] = static_cast<char>(blocks.size());
  uint64_t uid = opts.unique_id != 0
                     ? opts.unique_id
                     : static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                                 std::chrono::system_clock::now().time_since_epoch())
                                                 .count());
  for (int i = 0; i < 8; ++i) head[24 + i] = static_cast<char>((uid >> (8 * i)) & 0xff);
  for (size_t b = 0; b < blocks.size(); ++b) {
    Put32(head, kFixedHeader + 8 * b, blocks[b].first);
    Put32(head, kFixedHeader + 8 * b + 4, static_cast<uint32_t>(blocks[b].second.size()));
  }
  if (opts.compression == FseqCompression::kNone) return head + raw;
  for (const auto& b : blocks) head += b.second;
  return head;
}

}  // namespace ls::cli
