#pragma once
/// Checks a classification training request against the catalog before any
/// job is stored: song ids are resolved to full ids, and every bad field or
/// row is an INVALID_ARGUMENT / NOT_FOUND naming it ("manifest row 3: …",
/// "labels row 2: end_s …"). Thread-safe (the catalog is).

#include "absl/status/statusor.h"
#include "catalog/catalog.h"
#include "lightshow/v1/classify.pb.h"

namespace ls::learn {

inline constexpr const char* kTaskEndDetector = "end_detector";
inline constexpr const char* kTaskClassifier = "classifier";

/// The request with defaults filled in and songs resolved. With
/// validate_only, rows may name a local file not uploaded yet (its declared
/// length is checked instead of a stored song's).
absl::StatusOr<lightshow::v1::StartClassifyTrainingRequest> ResolveClassifyRequest(
    lightshow::v1::StartClassifyTrainingRequest req, catalog::Catalog& catalog);

}  // namespace ls::learn
