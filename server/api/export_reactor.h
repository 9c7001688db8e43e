#pragma once
/// Control.ExportShow: a stored show (and, when asked, the song's audio as
/// Ogg Vorbis) streamed to lsctl for `export` (FSEQ) and `preview` (HTML).
/// The audio travels in chunks because a whole song can exceed one gRPC
/// message. Loading and encoding run on the worker pool, never on a gRPC
/// callback thread. One reactor per call; it deletes itself when done.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "analysis/music_analysis.h"
#include "api/deps.h"
#include "grpcpp/grpcpp.h"
#include "lightshow/v1/export.pb.h"

namespace ls::api {

/// What one export sends: the stored records, their masks, and the encoded
/// audio ("" unless asked for).
struct ShowExportData {
  catalog::SongRecord song;
  catalog::ShowRecord show;
  std::string masks;
  std::string audio_ogg;
  std::optional<analysis::MusicAnalysis> music;  ///< unset until the song is analysed
};

/// Resolves the song, loads its current show's masks and, with `with_audio`,
/// decodes the stored song and encodes it as mono Ogg Vorbis at 44.1 kHz (the
/// timeline the show was computed on). NOT_FOUND / INVALID_ARGUMENT for a bad
/// id; FAILED_PRECONDITION naming the song when its show or audio blob is
/// missing from the data dir. Heavy with audio: call on a worker thread.
absl::StatusOr<ShowExportData> LoadShowExport(const ServiceDeps& deps, const std::string& song_id,
                                              bool with_audio);

class ExportReactor final : public grpc::ServerWriteReactor<lightshow::v1::ExportShowChunk> {
 public:
  ExportReactor(grpc::CallbackServerContext* ctx, const ServiceDeps& deps,
                const lightshow::v1::ExportShowRequest& req);
  void OnWriteDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  void Prepare(const std::string& song_id, bool with_audio);
  void WriteNext();
  void Done(const grpc::Status& st);

  ServiceDeps deps_;
  std::chrono::steady_clock::time_point t0_;
  std::vector<lightshow::v1::ExportShowChunk> chunks_;
  size_t next_ = 0;
};

}  // namespace ls::api
