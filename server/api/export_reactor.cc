#include "api/export_reactor.h"

#include "absl/strings/str_cat.h"
#include "analysis/analysis_codec.h"
#include "api/convert.h"
#include "audio/decode.h"
#include "audio/encode_vorbis.h"
#include "common/status_macros.h"

namespace ls::api {
namespace {

namespace v1 = lightshow::v1;

// Under the default 4 MiB message limit with room to spare.
constexpr size_t kAudioChunkBytes = 1 << 20;
// libvorbis -q 6 in mono: clean enough to judge a show by ear, a few MB
// for a whole song.
constexpr double kVorbisQuality = 0.6;

absl::Status MissingData(const catalog::SongRecord& s, const std::string& what) {
  return absl::FailedPreconditionError(absl::StrCat(
      "song ", s.id, " (", s.name, ") has no stored ", what,
      ": its data is missing from the server's data dir; upload the file again"));
}

}  // namespace

absl::StatusOr<ShowExportData> LoadShowExport(const ServiceDeps& deps, const std::string& song_id,
                                              bool with_audio) {
  ShowExportData d;
  LS_ASSIGN_OR_RETURN(d.song, deps.play.catalog.ResolveSong(song_id));
  if (d.song.status != catalog::kSongOk || d.song.show_id.empty()) return MissingData(d.song, "show or audio");
  LS_ASSIGN_OR_RETURN(d.show, deps.play.catalog.GetShow(d.song.show_id));
  auto masks = deps.play.ingestor.LoadMasks(d.show);
  if (!masks.ok()) return MissingData(d.song, "show");
  d.masks = std::move(*masks);
  if (auto music = deps.play.ingestor.LoadAnalysis(d.song.id); music.ok()) d.music = std::move(*music);
  if (!with_audio) return d;
  auto bytes = deps.blobs.Get("songs", d.song.id);
  if (!bytes.ok()) return MissingData(d.song, "audio");
  LS_ASSIGN_OR_RETURN(audio::Audio decoded, audio::DecodeMemory(*bytes));
  LS_ASSIGN_OR_RETURN(d.audio_ogg, audio::EncodeVorbis(decoded.samples, decoded.sample_rate, kVorbisQuality));
  return d;
}

ExportReactor::ExportReactor(grpc::CallbackServerContext* ctx, const ServiceDeps& deps,
                             const v1::ExportShowRequest& req)
    : deps_(deps), t0_(std::chrono::steady_clock::now()) {
  grpc::Status st = deps_.auth.CheckAdmin(ctx);
  if (!st.ok()) {
    Done(st);
    return;
  }
  std::string id = req.song_id();
  bool with_audio = req.with_audio();
  if (!deps_.pool.Submit([this, id, with_audio] { Prepare(id, with_audio); })) {
    Done(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
  }
}

void ExportReactor::Prepare(const std::string& song_id, bool with_audio) {
  auto data = LoadShowExport(deps_, song_id, with_audio);
  if (!data.ok()) return Done(ToGrpc(data.status()));
  v1::ExportShowChunk head;
  auto* s = head.mutable_show();
  ToProto(data->song, s->mutable_song());
  ToProto(data->show, s->mutable_show());
  s->set_masks(std::move(data->masks));
  if (data->music) *s->mutable_analysis() = analysis::ToProto(*data->music);
  if (with_audio) {
    s->set_audio_mime("audio/ogg");
    s->set_audio_bytes(data->audio_ogg.size());
  }
  chunks_.push_back(std::move(head));
  const std::string& a = data->audio_ogg;
  for (size_t off = 0; off < a.size(); off += kAudioChunkBytes) {
    chunks_.emplace_back().set_audio(a.substr(off, kAudioChunkBytes));
  }
  WriteNext();
}

void ExportReactor::WriteNext() {
  if (next_ >= chunks_.size()) return Done(grpc::Status::OK);
  StartWrite(&chunks_[next_++]);
}

void ExportReactor::OnWriteDone(bool ok) {
  if (!ok) return Done(grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"));
  WriteNext();
}

void ExportReactor::Done(const grpc::Status& st) {
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
  deps_.play.metrics.RecordRequest("ExportShow", CodeName(st.error_code()), s);
  Finish(st);
}

}  // namespace ls::api
