#pragma once
/// Interleaved multi-channel float audio: test and demo signals (synth.h) and
/// songs decoded for listening (decode_playback.h). A plain value type.

#include <cstdint>
#include <vector>

namespace ls::audio {

/// Interleaved multi-channel audio: frame f, channel c is `samples[f * channels + c]`.
struct Signal {
  std::vector<float> samples;  ///< frames × channels, interleaved
  int channels = 1;
  int sample_rate = 44100;
  int64_t frames() const { return channels > 0 ? int64_t(samples.size()) / channels : 0; }
};

}  // namespace ls::audio
