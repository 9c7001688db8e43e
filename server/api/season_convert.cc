#include "api/season_convert.h"

namespace ls::api {
namespace v1 = lightshow::v1;
namespace {

void Entry(uint32_t position, const std::string& id, const SongNamer& name, v1::PlaylistEntry* out) {
  out->set_position(position);
  out->set_song_id(id);
  if (id.empty()) return;
  out->set_song_name(name(id));
  out->set_missing(out->song_name().empty());
}

int64_t UnixNs(absl::Time t) {
  if (t == absl::InfinitePast()) return 0;
  return absl::ToUnixNanos(t);
}

}  // namespace

void ToProto(const season::PlaylistRecord& in, const SongNamer& name, v1::Playlist* out) {
  out->set_name(in.name);
  for (size_t i = 0; i < in.song_ids.size(); ++i) {
    Entry(static_cast<uint32_t>(i + 1), in.song_ids[i], name, out->add_songs());
  }
  out->set_shuffle(in.shuffle);
  out->set_repeat(in.repeat);
  out->set_gap_ms(in.gap_ms);
  Entry(0, in.intro, name, out->mutable_intro());
  Entry(0, in.outro, name, out->mutable_outro());
  out->set_created_unix_ms(in.created_unix_ms);
}

void ToProto(const season::RuleView& in, v1::ScheduleRule* out) {
  out->set_id(in.record.id);
  out->set_playlist(in.record.playlist);
  out->set_days(in.record.days);
  out->set_from(in.record.from);
  out->set_until(in.record.until);
  out->set_dates(in.record.dates);
  out->set_stop(in.record.stop);
  if (in.next) {
    out->mutable_next_start()->set_unix_ns(UnixNs(in.next->start));
    out->mutable_next_end()->set_unix_ns(UnixNs(in.next->end));
  }
  out->set_note(in.note);
}

void ToProto(const season::NowInfo& in, const SongNamer& name, v1::GetNowReply* out) {
  out->set_state(in.state);
  out->set_playlist(in.playlist);
  out->set_schedule_id(in.schedule_id);
  out->set_song_id(in.song_id);
  if (!in.song_id.empty()) out->set_song_name(name(in.song_id));
  out->set_next_song_id(in.next_song_id);
  if (!in.next_song_id.empty()) out->set_next_song_name(name(in.next_song_id));
  if (in.window_end != absl::InfinitePast()) out->mutable_window_end()->set_unix_ns(UnixNs(in.window_end));
  if (in.next_start != absl::InfinitePast()) out->mutable_next_start()->set_unix_ns(UnixNs(in.next_start));
  out->set_next_playlist(in.next_playlist);
  out->set_next_schedule_id(in.next_schedule_id);
  for (const auto& n : in.notes) out->add_notes(n);
}

}  // namespace ls::api
