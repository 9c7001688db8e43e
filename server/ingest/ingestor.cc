#include "ingest/ingestor.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "analysis/analysis_codec.h"
#include "audio/decode.h"
#include "catalog/crash_point.h"
#include "common/clock.h"
#include "common/sha256.h"
#include "common/status_macros.h"
#include "dsp/stft.h"
#include "show/dark_end.h"
#include "show/music_renderer.h"

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
  LS_ASSIGN_OR_RETURN(audio::Audio audio,
                      audio::DecodeMemory(bytes, dsp::kFrameSize, opts_.max_song_seconds));
  r.timings.emplace_back("decode", SecondsSince(t0));

  t0 = std::chrono::steady_clock::now();
  LS_ASSIGN_OR_RETURN(dsp::Spectrogram spec,
                      dsp::SharedStft().Features(audio.samples.data(), audio.samples.size(), opts_.hop));
  r.timings.emplace_back("stft", SecondsSince(t0));

  t0 = std::chrono::steady_clock::now();
  LS_ASSIGN_OR_RETURN(analysis::MusicAnalysis music,
                      analysis::Analyze(audio.samples.data(), audio.samples.size(), audio.sample_rate,
                                        opts_.analysis, &spec));
  r.timings.emplace_back("analyze", SecondsSince(t0));

  t0 = std::chrono::steady_clock::now();
  LS_ASSIGN_OR_RETURN(auto rendered, RenderShow(sha256_hex, audio, spec, music, opts_.hop));
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

  r.show = std::move(rendered.first);
  r.show.created_unix_ms = now_ms;
  r.song.show_id = r.show.id;

  // Blobs first, row last: a crash in between leaves an orphan blob, never a
  // catalog row without its data.
  LS_RETURN_IF_ERROR(blobs_->Put("songs", r.song.id, bytes));
  LS_RETURN_IF_ERROR(blobs_->Put("analysis", r.song.id, analysis::Serialize(music)));
  LS_RETURN_IF_ERROR(blobs_->Put("shows", r.show.id, rendered.second));
  catalog::CrashPoint("after_blob");
  absl::Status st = catalog_->InsertSongWithShow(r.song, r.show, repair);
  if (absl::IsAlreadyExists(st)) return Existing(sha256_hex);  // a concurrent upload won
  LS_RETURN_IF_ERROR(st);
  catalog::CrashPoint("after_commit");
  r.timings.emplace_back("store", SecondsSince(t0));
  return r;
}

absl::StatusOr<std::pair<catalog::ShowRecord, std::string>> Ingestor::RenderShow(
    const std::string& song_id, const audio::Audio& audio, const dsp::Spectrogram& spec,
    const analysis::MusicAnalysis& music, int hop) {
  catalog::ShowRecord show;
  show.song_id = song_id;
  show.channels = show::kChannels;
  if (hook_) {
    LS_ASSIGN_OR_RETURN(std::optional<RenderedShow> learned, hook_(audio, spec, music));
    if (learned) {
      show.renderer = learned->renderer;
      show.profile = learned->profile;
      show.frame_count = static_cast<int>(learned->masks.size());
      show.frame_period_ns = learned->frame_period_ns;
      // Same song + same model and settings → same show id.
      show.id = "sh" + Sha256Hex(absl::StrCat(song_id, ":", learned->renderer, ":",
                                              learned->settings_key))
                           .substr(0, 16);
      return std::make_pair(show, std::string(learned->masks.begin(), learned->masks.end()));
    }
  }
  show::BandConfig bands = opts_.bands;
  bands.sample_rate = audio.sample_rate;
  show::EnergyEndDetector end(30.0, 0.5, audio.sample_rate);
  const int dark = end.DarkStart(audio.samples.data(), audio.samples.size(), hop, spec.frames);
  LS_ASSIGN_OR_RETURN(std::vector<uint8_t> masks, show::RenderBandMusic(spec, music, dark, bands));
  show.renderer = "bands";
  show.frame_count = static_cast<int>(masks.size());
  show.frame_period_ns = static_cast<int64_t>(1e9 * hop / audio.sample_rate + 0.5);
  // Same song + same renderer settings → same show id, so re-renders are idempotent.
  show.id = "sh" + Sha256Hex(absl::StrCat(song_id, ":bands:hop", hop, ":music",
                                          analysis::kAnalysisVersion))
                       .substr(0, 16);
  return std::make_pair(show, std::string(masks.begin(), masks.end()));
}

absl::StatusOr<catalog::ShowRecord> Ingestor::Rerender(const catalog::SongRecord& song) {
  LS_ASSIGN_OR_RETURN(std::string bytes, blobs_->Get("songs", song.id));
  LS_ASSIGN_OR_RETURN(audio::Audio audio, audio::DecodeMemory(bytes, dsp::kFrameSize));
  // The song keeps the frame rate it was ingested with (its frame count depends on it).
  const int hop = song.hop > 0 ? song.hop : opts_.hop;
  LS_ASSIGN_OR_RETURN(dsp::Spectrogram spec,
                      dsp::SharedStft().Features(audio.samples.data(), audio.samples.size(), hop));
  auto music = LoadAnalysis(song.id);
  const bool fresh = !music.ok() || music->version != analysis::kAnalysisVersion;
  if (fresh) {
    music = analysis::Analyze(audio.samples.data(), audio.samples.size(), audio.sample_rate,
                              opts_.analysis, &spec);
    if (!music.ok()) return music.status();
  }
  LS_ASSIGN_OR_RETURN(auto rendered, RenderShow(song.id, audio, spec, *music, hop));
  rendered.first.created_unix_ms = NowUnixMs();
  // Blobs first, rows last (as in Ingest).
  if (fresh) LS_RETURN_IF_ERROR(blobs_->Put("analysis", song.id, analysis::Serialize(*music)));
  LS_RETURN_IF_ERROR(blobs_->Put("shows", rendered.first.id, rendered.second));
  LS_RETURN_IF_ERROR(catalog_->SetSongShow(rendered.first));
  return rendered.first;
}

absl::StatusOr<analysis::MusicAnalysis> Ingestor::LoadAnalysis(const std::string& song_id) const {
  if (!blobs_->Exists("analysis", song_id)) {
    return absl::NotFoundError(absl::StrCat("song ", song_id, " has no analysis yet"));
  }
  LS_ASSIGN_OR_RETURN(std::string bytes, blobs_->Get("analysis", song_id));
  return analysis::Parse(bytes);
}

bool Ingestor::NeedsUpgrade(const catalog::SongRecord& song) const {
  auto a = LoadAnalysis(song.id);
  return !a.ok() || a->version != analysis::kAnalysisVersion;
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
