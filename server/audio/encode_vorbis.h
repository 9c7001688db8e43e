#pragma once
/// Ogg Vorbis at a chosen quality, in memory (libsndfile virtual I/O): the
/// audio embedded in `lsctl preview` pages. Thread-safe: no shared state.

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::audio {

/// Encodes mono float samples at `rate` as Ogg Vorbis with VBR `quality` in
/// [0, 1] (libvorbis' -q 0…10 scaled). INVALID_ARGUMENT for a quality outside [0, 1] or a rate libvorbis
/// refuses, naming the value.
absl::StatusOr<std::string> EncodeVorbis(const std::vector<float>& mono, int rate, double quality);

}  // namespace ls::audio
