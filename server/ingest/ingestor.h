#pragma once
/// Song ingest: bytes → decode → STFT → band show → blobs + catalog rows.
/// Nothing is stored unless every stage succeeds. Thread-safe (the catalog
/// serialises writes; a concurrent duplicate resolves to the stored song).

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "catalog/blob_store.h"
#include "catalog/catalog.h"
#include "show/band_renderer.h"

namespace ls::ingest {

struct IngestOptions {
  int hop = 1024;
  show::BandConfig bands;
};

struct IngestResult {
  catalog::SongRecord song;
  catalog::ShowRecord show;
  bool duplicate = false;
  /// (stage, seconds) in order: decode, stft, render, store.
  std::vector<std::pair<std::string, double>> timings;
};

class Ingestor {
 public:
  Ingestor(catalog::Catalog* catalog, const catalog::BlobStore* blobs, IngestOptions opts)
      : catalog_(catalog), blobs_(blobs), opts_(std::move(opts)) {}

  /// `sha256_hex` is the digest of `bytes` (computed while streaming).
  /// Bad audio → INVALID_ARGUMENT naming the problem; the catalog is untouched.
  absl::StatusOr<IngestResult> Ingest(const std::string& bytes, const std::string& name,
                                      const std::string& sha256_hex);

  /// The stored channel masks of a show (one byte per frame per 8 channels).
  absl::StatusOr<std::string> LoadMasks(const catalog::ShowRecord& show) const;

 private:
  absl::StatusOr<IngestResult> Existing(const std::string& id);

  catalog::Catalog* catalog_;
  const catalog::BlobStore* blobs_;
  IngestOptions opts_;
};

}  // namespace ls::ingest
