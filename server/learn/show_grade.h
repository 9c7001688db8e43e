#pragma once
/// A stored show graded against its song by the independent judge
/// (server/judge: its own onsets, beat tracker and loudness, never the
/// renderer's aubio analysis) — the figures `lsctl report` prints.
/// Thread-safe: reads the blob store only.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "catalog/blob_store.h"
#include "learn/show_report.h"

namespace ls::learn {

/// Decodes the song, lets the judge hear it and grades `masks`.
absl::StatusOr<ShowQuality> GradeShow(const catalog::BlobStore& blobs, const std::string& song_id,
                                      const std::string& masks, double frame_period_s);

}  // namespace ls::learn
