#pragma once
/// The stored form of a MusicAnalysis (the SongAnalysis protobuf). Decoding
/// checks every field, so a damaged blob is refused with the reason.
/// Pure functions; thread-safe.

#include <string>

#include "absl/status/statusor.h"
#include "analysis/music_analysis.h"
#include "lightshow/v1/analysis.pb.h"

namespace ls::analysis {

lightshow::v1::SongAnalysis ToProto(const MusicAnalysis& a);
/// DATA_LOSS naming the bad field for inconsistent or non-finite data.
absl::StatusOr<MusicAnalysis> FromProto(const lightshow::v1::SongAnalysis& p);

std::string Serialize(const MusicAnalysis& a);
absl::StatusOr<MusicAnalysis> Parse(const std::string& bytes);

}  // namespace ls::analysis
