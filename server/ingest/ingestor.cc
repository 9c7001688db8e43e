#include "ingest/ingestor.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "audio/decode.h"
#include "catalog/crash_point.h"
#include "common/clock.h"
#include "common/sha256.h"
#include "common/status_macros.h"
#include "dsp/stft.h"

namespace ls::ingest {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

absl::StatusOr<IngestResult> Ingestor::Existing(const std::string& id) {
  LS_ASSIGN_OR_RETURN(auto found, catalog_->FindSong(id));
  if (!found) return absl::InternalError(absl::StrCat("song ", id, " vanished from the catalog"));
  IngestResult r;
  r.song = *found;
  LS_ASSIGN_OR_RETURN(r.show, catalog_->GetShow(found->show_id));
  r.duplicate = true;
  return r;
}

absl::StatusOr<IngestResult> Ingestor::Ingest(const std::string& bytes, const std::string& name,
                                              const std::string& sha256_hex) {
  LS_ASSIGN_OR_RETURN(auto found, catalog_->FindSong(sha256_hex));
  // A song whose blobs went missing is ingested again and its row repaired.
  bool repair = found && found->status != catalog::kSongOk;
  if (found && !repair) return Existing(sha256_hex);

  IngestResult r;
  auto t0 = std::chrono::steady_clock::now();
  LS_ASSIGN_OR_RETURN(audio::Audio audio, audio::DecodeMemory(bytes, dsp::kFrameSize));
  r.timings.emplace_back("decode", SecondsSince(t0));

  t0 = std::chrono::steady_clock::now();
  LS_ASSIGN_OR_RETURN(dsp::Spectrogram spec,
                      dsp::SharedStft().Features(audio.samples.data(), audio.samples.size(), opts_.hop));
  r.timings.emplace_back("stft", SecondsSince(t0));

  t0 = std::chrono::steady_clock::now();
  show::BandConfig bands = opts_.bands;
  bands.sample_rate = audio.sample_rate;
  LS_ASSIGN_OR_RETURN(std::vector<uint8_t> masks, show::RenderBands(spec, bands));
  r.timings.emplace_back("render", SecondsSince(t0));

  t0 = std::chrono::steady_clock::now();
  int64_t now_ms = NowUnixMs();
  r.song.id = sha256_hex;
  r.song.name = name.empty() ? "untitled" : name;
  r.song.format = audio.format;
  r.song.size_bytes = static_cast<int64_t>(bytes.size());
  r.song.source_sample_rate = audio.source_sample_rate;
  r.song.source_channels = audio.source_channels;
  r.song.duration_s = audio.duration_s();
  r.song.frame_count = spec.frames;
  r.song.hop = opts_.hop;
  r.song.created_unix_ms = now_ms;

  r.show.song_id = sha256_hex;
  r.show.renderer = "bands";
  r.show.channels = show::kChannels;
  r.show.frame_count = static_cast<int>(masks.size());
  r.show.frame_period_ns = static_cast<int64_t>(1e9 * opts_.hop / audio.sample_rate + 0.5);
  r.show.created_unix_ms = now_ms;
  // Same song + same renderer settings → same show id, so re-renders are idempotent.
  r.show.id = "sh" + Sha256Hex(absl::StrCat(sha256_hex, ":bands:hop", opts_.hop, ":",
                                              bands.on_sigma, ":", bands.off_sigma, ":",
                                              bands.min_dwell_frames))
                         .substr(0, 16);
  r.song.show_id = r.show.id;

  // Blobs first, row last: a crash in between leaves an orphan blob, never a
  // catalog row without its data.
  LS_RETURN_IF_ERROR(blobs_->Put("songs", r.song.id, bytes));
  std::string mask_bytes(masks.begin(), masks.end());
  LS_RETURN_IF_ERROR(blobs_->Put("shows", r.show.id, mask_bytes));
  catalog::CrashPoint("after_blob");
  absl::Status st = catalog_->InsertSongWithShow(r.song, r.show, repair);
  if (absl::IsAlreadyExists(st)) return Existing(sha256_hex);  // a concurrent upload won
  LS_RETURN_IF_ERROR(st);
  catalog::CrashPoint("after_commit");
  r.timings.emplace_back("store", SecondsSince(t0));
  return r;
}

absl::StatusOr<std::string> Ingestor::LoadMasks(const catalog::ShowRecord& show) const {
  LS_ASSIGN_OR_RETURN(std::string bytes, blobs_->Get("shows", show.id));
  size_t want = static_cast<size_t>(show.frame_count) * ((show.channels + 7) / 8);
  if (bytes.size() != want) {
    return absl::DataLossError(absl::StrCat("show ", show.id, " has ", bytes.size(),
                                            " bytes of masks, expected ", want));
  }
  return bytes;
}

}  // namespace ls::ingest
