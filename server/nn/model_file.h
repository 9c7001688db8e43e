#pragma once
/// Model files (whisper.cpp style: magic + version + architecture + named
/// tensors), the architecture and tensors in a lightshow.v1.NnModel message:
///
///   "LSNN" | uint32 version | uint64 payload size | SHA-256(payload) | payload
///
/// Tensors are named "<layer index>.<param>" ("0.weight", "2.weight_hh").
/// Loading rejects a bad magic or version, a truncated or damaged payload,
/// unknown, duplicate or missing tensor names and wrong shapes, each with an
/// INVALID_ARGUMENT (or DATA_LOSS for damage) that says what and where. The
/// float bytes are stored verbatim, so a round trip is bit-exact.
/// Thread-safety: free functions without shared state.

#include <map>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nn/sequential.h"

namespace ls::nn {
inline namespace LS_NN_PRECISION_NS {

inline constexpr char kModelMagic[4] = {'L', 'S', 'N', 'N'};
inline constexpr uint32_t kModelVersion = 1;
inline constexpr size_t kModelHeaderSize = 4 + 4 + 8 + 32;

/// A model plus free-form string metadata (task, code layer, training info).
struct ModelFile {
  Sequential model;
  std::map<std::string, std::string> metadata;
};

absl::StatusOr<std::string> SerializeModel(const Sequential& model,
                                           const std::map<std::string, std::string>& metadata = {});
absl::StatusOr<ModelFile> ParseModel(std::string_view bytes);

/// Writes atomically (temp file + rename).
absl::Status SaveModel(const std::string& path, const Sequential& model,
                       const std::map<std::string, std::string>& metadata = {});
absl::StatusOr<ModelFile> LoadModel(const std::string& path);

}  // namespace LS_NN_PRECISION_NS
}  // namespace ls::nn
