#pragma once
/// Decoding songs from memory (libsndfile virtual I/O) to mono 44.1 kHz float.
/// Thread-safe: no shared state; each call opens its own SNDFILE.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::audio {

inline constexpr int kSampleRate = 44100;

struct Audio {
  std::vector<float> samples;   ///< mono (mean of channels), kSampleRate
  int sample_rate = kSampleRate;
  int source_sample_rate = 0;
  int source_channels = 0;
  int64_t source_frames = 0;    ///< samples per channel before resampling
  std::string format;           ///< "WAV", "FLAC", "OGG", "OPUS", "MPEG", ...
  double duration_s() const { return double(samples.size()) / sample_rate; }
};

/// Decodes WAV/FLAC/OGG Vorbis/Opus/MP3 (anything libsndfile reads) from `bytes`.
/// Errors (INVALID_ARGUMENT, message names the problem): empty input, not audio,
/// truncated header, header claiming more data than present, NaN/Inf samples,
/// channels outside 1..8, sample rate outside 8..192 kHz, shorter than `min_samples`
/// after resampling.
/// `max_seconds` > 0 bounds the song's length: longer by its header, or found
/// longer while decoding (checked before the extra samples are stored), is
/// RESOURCE_EXHAUSTED naming the server flag --max-song-minutes. 0 = no bound
/// (for songs already accepted under it).
absl::StatusOr<Audio> DecodeMemory(std::string_view bytes, int64_t min_samples = 1024,
                                   double max_seconds = 0);

/// Resamples mono float audio (libsamplerate, SRC_SINC_MEDIUM_QUALITY).
absl::StatusOr<std::vector<float>> Resample(const std::vector<float>& in, int from_rate,
                                            int to_rate);

}  // namespace ls::audio
