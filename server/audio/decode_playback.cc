#include "audio/decode_playback.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "absl/strings/str_cat.h"
#include "audio/memory_io.h"
#include "common/status_macros.h"

namespace ls::audio {
namespace {

constexpr float kMinus3dB = 0.70710678f;

struct Side {
  float left = 0, right = 0;
};

// Where one source channel goes in the stereo downmix (ITU-R BS.775 style:
// centre at -3 dB to both sides, LFE left out).
Side Weights(int position) {
  switch (position) {
    case SF_CHANNEL_MAP_LEFT:
    case SF_CHANNEL_MAP_FRONT_LEFT:
    case SF_CHANNEL_MAP_REAR_LEFT:
    case SF_CHANNEL_MAP_FRONT_LEFT_OF_CENTER:
    case SF_CHANNEL_MAP_SIDE_LEFT:
    case SF_CHANNEL_MAP_TOP_FRONT_LEFT:
    case SF_CHANNEL_MAP_TOP_REAR_LEFT: return {1, 0};
    case SF_CHANNEL_MAP_RIGHT:
    case SF_CHANNEL_MAP_FRONT_RIGHT:
    case SF_CHANNEL_MAP_REAR_RIGHT:
    case SF_CHANNEL_MAP_FRONT_RIGHT_OF_CENTER:
    case SF_CHANNEL_MAP_SIDE_RIGHT:
    case SF_CHANNEL_MAP_TOP_FRONT_RIGHT:
    case SF_CHANNEL_MAP_TOP_REAR_RIGHT: return {0, 1};
    case SF_CHANNEL_MAP_LFE: return {0, 0};
    default: return {kMinus3dB, kMinus3dB};  // centres, mono, ambisonic, unknown
  }
}

// Per-channel weights for `ch` > 2 channels, normalized so each side's weights sum to 1.
std::vector<Side> DownmixWeights(SNDFILE* f, int ch) {
  std::vector<int> map(static_cast<size_t>(ch), SF_CHANNEL_MAP_INVALID);
  const bool have_map = sf_command(f, SFC_GET_CHANNEL_MAP_INFO, map.data(),
                                   static_cast<int>(map.size() * sizeof(int))) == SF_TRUE;
  std::vector<Side> w(static_cast<size_t>(ch));
  Side sum;
  for (int c = 0; c < ch; ++c) {
    if (have_map) {
      w[c] = Weights(map[c]);
    } else {
      w[c] = c == 0 ? Side{1, 0} : c == 1 ? Side{0, 1} : Side{kMinus3dB, kMinus3dB};
    }
    sum.left += w[c].left;
    sum.right += w[c].right;
  }
  // A map with nothing on one side (e.g. all LFE) falls back to an even mix there.
  for (auto& s : w) {
    s.left = sum.left > 0 ? s.left / sum.left : 1.0f / ch;
    s.right = sum.right > 0 ? s.right / sum.right : 1.0f / ch;
  }
  return w;
}

}  // namespace

absl::StatusOr<Signal> DecodeForPlayback(std::string_view bytes) {
  MemoryFile mem(bytes);
  SF_INFO info{};
  LS_ASSIGN_OR_RETURN(SfHandle f, OpenForReading(bytes, mem, info));
  const int ch = info.channels;
  Signal out;
  out.channels = std::min(ch, 2);
  out.sample_rate = info.samplerate;
  const std::vector<Side> mix = ch > 2 ? DownmixWeights(f.get(), ch) : std::vector<Side>();
  // The header's length is a hint: reserve at most ~6 min of stereo 48 kHz up front.
  constexpr sf_count_t kMaxReserve = sf_count_t{1} << 25;
  if (info.frames > 0 && info.frames < SF_COUNT_MAX) {
    out.samples.reserve(static_cast<size_t>(std::min(info.frames, kMaxReserve) * out.channels));
  }
  constexpr sf_count_t kChunk = 16384;
  std::vector<float> buf(static_cast<size_t>(kChunk * ch));
  for (sf_count_t got; (got = sf_readf_float(f.get(), buf.data(), kChunk)) > 0;) {
    const size_t n = static_cast<size_t>(got * ch);
    for (size_t i = 0; i < n; ++i) {
      if (!std::isfinite(buf[i])) {
        return absl::InvalidArgumentError(absl::StrCat(
            "audio contains a NaN or infinite sample (frame ", out.frames() + i / ch, ")"));
      }
    }
    if (ch <= 2) {
      out.samples.insert(out.samples.end(), buf.begin(), buf.begin() + static_cast<ptrdiff_t>(n));
      continue;
    }
    for (sf_count_t i = 0; i < got; ++i) {
      const float* fr = &buf[static_cast<size_t>(i * ch)];
      float l = 0, r = 0;
      for (int c = 0; c < ch; ++c) {
        l += mix[c].left * fr[c];
        r += mix[c].right * fr[c];
      }
      out.samples.push_back(l);
      out.samples.push_back(r);
    }
  }
  if (sf_error(f.get()) != SF_ERR_NO_ERROR) {
    return absl::InvalidArgumentError(absl::StrCat("audio stream is corrupt after ", out.frames(),
                                                   " frames: ", sf_strerror(f.get())));
  }
  if (out.samples.empty()) return absl::InvalidArgumentError("audio has no frames");
  return out;
}

}  // namespace ls::audio
