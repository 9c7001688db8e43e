#include "audio/decode_native.h"

#include <sndfile.h>

#include <cmath>
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "audio/memory_io.h"
#include "common/status_macros.h"

namespace ls::audio {
namespace {

const char* ContainerName(int format) {
  if ((format & SF_FORMAT_SUBMASK) == SF_FORMAT_OPUS) return "OPUS";
  switch (format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX: return "WAV";
    case SF_FORMAT_FLAC: return "FLAC";
    case SF_FORMAT_OGG: return "OGG";
    case SF_FORMAT_MPEG: return "MPEG";
    default: return "OTHER";
  }
}

}  // namespace

absl::StatusOr<Audio> DecodeMemoryNative(std::string_view bytes, int64_t min_samples) {
  MemoryFile mem(bytes);
  SF_INFO info{};
  LS_ASSIGN_OR_RETURN(SfHandle f, OpenForReading(bytes, mem, info));
  const int ch = info.channels;
  Audio out;
  out.sample_rate = info.samplerate;
  out.source_sample_rate = info.samplerate;
  out.source_channels = ch;
  out.format = ContainerName(info.format);
  if (info.frames > 0 && info.frames < (sf_count_t{1} << 28)) {
    out.samples.reserve(static_cast<size_t>(info.frames));
  }
  constexpr sf_count_t kChunk = 16384;
  std::vector<float> buf(static_cast<size_t>(kChunk * ch));
  // Multiplying by 1/ch equals numpy's float32 mean exactly for 1 and 2
  // channels (powers of two), which is what the comparison needs.
  const float scale = 1.0f / static_cast<float>(ch);
  for (sf_count_t got; (got = sf_readf_float(f.get(), buf.data(), kChunk)) > 0;) {
    for (sf_count_t i = 0; i < got; ++i) {
      const float* fr = &buf[static_cast<size_t>(i * ch)];
      float sum = 0.0f;
      for (int c = 0; c < ch; ++c) sum += fr[c];
      if (!std::isfinite(sum)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "audio contains a NaN or infinite sample (frame ", out.samples.size(), ")"));
      }
      out.samples.push_back(sum * scale);
    }
  }
  if (sf_error(f.get()) != SF_ERR_NO_ERROR) {
    return absl::InvalidArgumentError(absl::StrCat("audio stream is corrupt after ",
                                                   out.samples.size(), " frames: ",
                                                   sf_strerror(f.get())));
  }
  out.source_frames = static_cast<int64_t>(out.samples.size());
  if (out.source_frames < min_samples) {
    return absl::InvalidArgumentError(absl::StrCat("audio is too short: ", out.samples.size(),
                                                   " samples; at least ", min_samples,
                                                   " are needed"));
  }
  return out;
}

}  // namespace ls::audio
