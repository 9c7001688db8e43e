#pragma once
/// A pre-check of RIFF/WAVE headers, so truncated or lying WAV files get a
/// precise error instead of libsndfile's generic one or a silent truncation.
/// Pure function; thread-safe.

#include <string_view>

#include "absl/status/status.h"

namespace ls::audio {

/// OK for anything that is not a little-endian RIFF/WAVE file (libsndfile
/// decides those). For WAV: INVALID_ARGUMENT when the header is truncated,
/// the fmt chunk has channels outside 1..8 or a rate outside 8..192 kHz, or
/// the data chunk claims more bytes than are present. A data size of 0 or
/// 0xFFFFFFFF (written by streaming encoders that could not seek back) is
/// accepted as "unknown".
absl::Status CheckWavHeader(std::string_view bytes);

}  // namespace ls::audio
