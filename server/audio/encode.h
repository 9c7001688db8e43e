#pragma once
/// Encoding float audio to file bytes in memory (libsndfile virtual I/O), for
/// tests, demos and tools. Thread-safe: no shared state.

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::audio {

enum class Format {
  kWavPcm16,   ///< RIFF WAVE, 16-bit PCM
  kWavFloat,   ///< RIFF WAVE, 32-bit IEEE float (keeps NaN/Inf as given)
  kFlac,       ///< FLAC, 16-bit
  kOggVorbis,  ///< Ogg Vorbis
  kOpus,       ///< Ogg Opus; rate must be 8, 12, 16, 24 or 48 kHz
  kMp3,        ///< MPEG-1/2 Layer III (LAME via libsndfile)
};

/// Short lower-case name ("wav16", "wavf", "flac", "ogg", "opus", "mp3").
const char* FormatName(Format format);

/// Encodes interleaved samples (frames × channels, nominally in [-1, 1]).
/// INVALID_ARGUMENT when channels < 1, the sample count is not a multiple of
/// channels, or the format cannot hold the rate/channel count (the message
/// names the format and the value).
absl::StatusOr<std::string> EncodeAudio(const std::vector<float>& interleaved, int channels,
                                        int rate, Format format);

}  // namespace ls::audio
