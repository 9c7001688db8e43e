#include "api/season_shows.h"

#include "absl/strings/str_cat.h"

namespace ls::api {

namespace v1 = lightshow::v1;

absl::StatusOr<season::Started> CatalogShowControl::Start(const std::string& song_id, int64_t lead_ns) {
  auto song = deps_.catalog.FindSong(song_id);
  if (!song.ok()) return song.status();
  // Gone or unplayable songs are NOT_FOUND: the playlist skips them and says so.
  if (!song->has_value()) return absl::NotFoundError("it is no longer in the catalog");
  if ((*song)->status != catalog::kSongOk || (*song)->show_id.empty()) {
    return absl::NotFoundError(absl::StrCat("'", (*song)->name, "' has lost its stored data (upload it again)"));
  }
  auto show = deps_.catalog.GetShow((*song)->show_id);
  if (!show.ok()) return absl::NotFoundError(absl::StrCat("'", (*song)->name, "': ", show.status().message()));
  auto masks = deps_.ingestor.LoadMasks(*show);
  if (!masks.ok()) return absl::NotFoundError(absl::StrCat("'", (*song)->name, "': ", masks.status().message()));
  stream::PlayParams p;
  p.song_id = (*song)->id;
  p.song_name = (*song)->name;
  p.show_id = show->id;
  p.channels = show->channels;
  p.frame_period_ns = show->frame_period_ns;
  p.masks = std::move(*masks);
  p.lead_ns = lead_ns;
  p.offset_ns = deps_.default_offset_ms * 1'000'000;
  if (deps_.audio_blobs != nullptr) {
    p.load_audio = [blobs = deps_.audio_blobs, id = (*song)->id] { return blobs->Get("songs", id); };
  }
  if (deps_.registry.ConnectedCount() == 0) {
    return absl::UnavailableError("no agents are connected: start lightshow-agent (see `lsctl agents`)");
  }
  auto played = deps_.player.Play(std::move(p));
  if (!played.ok()) return played.status();
  deps_.metrics.CountShowStarted();
  season::Started s;
  s.reply = std::move(*played);
  s.end_ns = s.reply.start().unix_ns() + static_cast<int64_t>(s.reply.frame_count()) * s.reply.frame_period_ns();
  return s;
}

bool CatalogShowControl::Over(const std::string& play_id) {
  auto st = deps_.player.Status(play_id);
  return !st.ok() || st->state() == v1::ShowStatus::FINISHED || st->state() == v1::ShowStatus::STOPPED;
}

void CatalogShowControl::Stop(const std::string& play_id) { deps_.player.Stop(play_id); }

std::string CatalogShowControl::SongName(const std::string& song_id) {
  auto song = deps_.catalog.FindSong(song_id);
  if (!song.ok() || !song->has_value() || (*song)->status != catalog::kSongOk) return "";
  return (*song)->name;
}

bool CatalogShowControl::AgentsConnected() { return deps_.registry.ConnectedCount() > 0; }

}  // namespace ls::api
