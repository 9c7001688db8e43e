#pragma once
/// Decoding to mono float at the file's own sample rate (no resampling), for
/// measurements that must see exactly the samples libsndfile returns — the
/// benchmark compares against a peer that does not resample.
/// Thread-safe: no shared state; each call opens its own SNDFILE.

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "audio/decode.h"

namespace ls::audio {

/// Like DecodeMemory, but `samples` stay at the source rate
/// (`sample_rate == source_sample_rate`). Mono = arithmetic mean of the
/// channels in float. Same errors as DecodeMemory (the length check counts
/// source-rate samples).
absl::StatusOr<Audio> DecodeMemoryNative(std::string_view bytes, int64_t min_samples = 1024);

}  // namespace ls::audio
