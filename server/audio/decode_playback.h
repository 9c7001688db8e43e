#pragma once
/// Decoding a stored song for listening (the server's own audio output): the
/// file's sample rate and its channels, not the analysis path's mono 44.1 kHz.
/// Thread-safe: no shared state; each call opens its own SNDFILE.

#include <string_view>

#include "absl/status/statusor.h"
#include "audio/signal.h"

namespace ls::audio {

/// Decodes `bytes` (anything DecodeMemory reads) once, at the source rate
/// (`sample_rate`), into 1 or 2 interleaved `channels`.
/// Mono stays mono and stereo stays stereo, sample for sample; 3 to 8 channels
/// are downmixed to stereo (by libsndfile's channel map when the file has one:
/// left-side channels to the left, right-side to the right, centre ones to both
/// at -3 dB, LFE dropped; without a map channel 0 is left, 1 is right and the
/// rest go to both at -3 dB; each side is divided by its weight sum, so it
/// cannot clip where the source does not). INVALID_ARGUMENT as DecodeMemory
/// for bytes that are not audio, unsupported channel counts or rates, NaN/Inf
/// samples, a corrupt stream, or no frames at all.
absl::StatusOr<Signal> DecodeForPlayback(std::string_view bytes);

}  // namespace ls::audio
