#pragma once
/// Song ingest: bytes → decode → STFT → music analysis → show → blobs + catalog rows.
/// Nothing is stored unless every stage succeeds. Thread-safe (the catalog
/// serialises writes; a concurrent duplicate resolves to the stored song).

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "analysis/music_analysis.h"
#include "audio/decode.h"
#include "catalog/blob_store.h"
#include "catalog/catalog.h"
#include "show/band_renderer.h"

namespace ls::ingest {

struct IngestOptions {
  int hop = 1024;
  show::BandConfig bands;
  analysis::AnalysisConfig analysis;
  /// Longest song Ingest accepts (0 = any); stored songs are re-read unbounded.
  double max_song_seconds = 0;
};

struct IngestResult {
  catalog::SongRecord song;
  catalog::ShowRecord show;
  bool duplicate = false;
  /// (stage, seconds) in order: decode, stft, analyze, render, store.
  std::vector<std::pair<std::string, double>> timings;
};

/// A show made by a renderer other than the bands (a learned model).
struct RenderedShow {
  std::string renderer;      ///< the model id
  std::string settings_key;  ///< goes into the show id with the song id
  std::string profile;       ///< render profile ("relay" or "ssr")
  std::vector<uint8_t> masks;
  int64_t frame_period_ns = 0;
};

/// Renders a song with the active model, or returns nullopt for the band
/// renderer. Called on worker threads; must be thread-safe.
using RenderHook = std::function<absl::StatusOr<std::optional<RenderedShow>>(
    const audio::Audio&, const dsp::Spectrogram&, const analysis::MusicAnalysis&)>;

class Ingestor {
 public:
  Ingestor(catalog::Catalog* catalog, const catalog::BlobStore* blobs, IngestOptions opts)
      : catalog_(catalog), blobs_(blobs), opts_(std::move(opts)) {}

  /// `sha256_hex` is the digest of `bytes` (computed while streaming).
  /// Bad audio → INVALID_ARGUMENT naming the problem; the catalog is untouched.
  absl::StatusOr<IngestResult> Ingest(const std::string& bytes, const std::string& name,
                                      const std::string& sha256_hex);

  /// Installs the learned-show renderer; call before serving.
  void SetRenderHook(RenderHook hook) { hook_ = std::move(hook); }

  /// Renders a stored song again with the current renderer (the active model
  /// or the bands), stores the show and points the song at it. The song's
  /// stored analysis is used when current, else made again and stored.
  absl::StatusOr<catalog::ShowRecord> Rerender(const catalog::SongRecord& song);

  /// The stored analysis of a song; NOT_FOUND when it has none yet,
  /// DATA_LOSS when the blob is damaged.
  absl::StatusOr<analysis::MusicAnalysis> LoadAnalysis(const std::string& song_id) const;

  /// True when the song's show predates the current analysis and renderer
  /// (no analysis stored, an older version, or a damaged one): start-up
  /// renders such songs again.
  bool NeedsUpgrade(const catalog::SongRecord& song) const;

  /// The stored channel masks of a show (one byte per frame per 8 channels).
  absl::StatusOr<std::string> LoadMasks(const catalog::ShowRecord& show) const;

 private:
  absl::StatusOr<IngestResult> Existing(const std::string& id);
  /// The show (record without created time) and masks for a decoded song.
  absl::StatusOr<std::pair<catalog::ShowRecord, std::string>> RenderShow(
      const std::string& song_id, const audio::Audio& audio, const dsp::Spectrogram& spec,
      const analysis::MusicAnalysis& music, int hop);

  catalog::Catalog* catalog_;
  const catalog::BlobStore* blobs_;
  IngestOptions opts_;
  RenderHook hook_;
};

}  // namespace ls::ingest
