// Control service: playlists, the nightly schedule and `lsctl now`.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "api/control_service.h"
#include "api/convert.h"
#include "api/season_convert.h"
#include "api/unary.h"

namespace ls::api {

namespace v1 = lightshow::v1;

namespace {

grpc::Status Invalid(const std::string& msg) { return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, msg); }

// Song ids or prefixes → full ids (each must be in the catalog and playable).
grpc::Status ResolveSongs(catalog::Catalog& cat, const google::protobuf::RepeatedPtrField<std::string>& in,
                          std::vector<std::string>* out) {
  for (const auto& s : in) {
    auto song = cat.ResolveSong(s);
    if (!song.ok()) return ToGrpc(song.status());
    out->push_back(song->id);
  }
  return grpc::Status::OK;
}

grpc::Status ApplyOptions(catalog::Catalog& cat, const v1::PlaylistOptions& o, season::PlaylistRecord* p) {
  if (o.has_shuffle()) p->shuffle = o.shuffle();
  if (o.has_repeat()) p->repeat = o.repeat();
  if (o.has_gap_ms()) {
    if (o.gap_ms() < 0 || o.gap_ms() > season::kMaxGapMs) {
      return Invalid(absl::StrCat("gap must be 0..", season::kMaxGapMs / 1000, " s, got ", o.gap_ms(), " ms"));
    }
    p->gap_ms = o.gap_ms();
  }
  for (auto [has, text, field] : {std::make_tuple(o.has_intro(), o.intro(), &p->intro),
                                  std::make_tuple(o.has_outro(), o.outro(), &p->outro)}) {
    if (!has) continue;
    if (text.empty()) {
      field->clear();
      continue;
    }
    auto song = cat.ResolveSong(text);
    if (!song.ok()) return ToGrpc(song.status());
    *field = song->id;
  }
  return grpc::Status::OK;
}

// 1-based position in 1..n, or INVALID_ARGUMENT naming it.
grpc::Status CheckPosition(const char* what, uint32_t pos, size_t n) {
  if (pos >= 1 && pos <= n) return grpc::Status::OK;
  return Invalid(absl::StrCat(what, " ", pos, " is out of range: the playlist has ", n, " song", n == 1 ? "" : "s",
                              " (positions 1..", n, ")"));
}

}  // namespace

grpc::ServerUnaryReactor* ControlService::CreatePlaylist(grpc::CallbackServerContext* ctx,
                                                         const v1::CreatePlaylistRequest* req, v1::Playlist* reply) {
  return Unary(ctx, deps_, "CreatePlaylist", [=] {
    if (auto st = season::ValidatePlaylistName(req->name()); !st.ok()) return ToGrpc(st);
    if (req->songs().empty()) {
      return Invalid(absl::StrCat("playlist '", req->name(), "' would be empty: give at least one song"));
    }
    season::PlaylistRecord p;
    p.name = req->name();
    if (auto st = ResolveSongs(deps_.play.catalog, req->songs(), &p.song_ids); !st.ok()) return st;
    if (auto st = ApplyOptions(deps_.play.catalog, req->options(), &p); !st.ok()) return st;
    if (auto st = deps_.season.CreatePlaylist(p); !st.ok()) return ToGrpc(st);
    auto stored = deps_.season.GetPlaylist(p.name);
    if (!stored.ok()) return ToGrpc(stored.status());
    ToProto(*stored, [this](const std::string& id) { return SongName(id); }, reply);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::EditPlaylist(grpc::CallbackServerContext* ctx,
                                                       const v1::EditPlaylistRequest* req, v1::Playlist* reply) {
  return Unary(ctx, deps_, "EditPlaylist", [=] {
    auto p = deps_.season.GetPlaylist(req->name());
    if (!p.ok()) return ToGrpc(p.status());
    auto& songs = p->song_ids;
    switch (req->op()) {
      case v1::EditPlaylistRequest::ADD: {
        if (req->songs().empty()) return Invalid("give at least one song to add");
        std::vector<std::string> add;
        if (auto st = ResolveSongs(deps_.play.catalog, req->songs(), &add); !st.ok()) return st;
        if (req->position() != 0) {
          if (auto st = CheckPosition("position", req->position(), songs.size() + 1); !st.ok()) return st;
        }
        size_t at = req->position() == 0 ? songs.size() : req->position() - 1;
        songs.insert(songs.begin() + static_cast<std::ptrdiff_t>(at), add.begin(), add.end());
        break;
      }
      case v1::EditPlaylistRequest::REMOVE:
        if (auto st = CheckPosition("position", req->position(), songs.size()); !st.ok()) return st;
        if (songs.size() == 1) {
          return Invalid(absl::StrCat("cannot remove the last song of playlist '", p->name,
                                      "': a playlist is never empty (lsctl playlist rm ", p->name, " deletes it)"));
        }
        songs.erase(songs.begin() + req->position() - 1);
        break;
      case v1::EditPlaylistRequest::MOVE: {
        if (auto st = CheckPosition("position", req->position(), songs.size()); !st.ok()) return st;
        if (auto st = CheckPosition("target position", req->to_position(), songs.size()); !st.ok()) return st;
        std::string id = songs[req->position() - 1];
        songs.erase(songs.begin() + req->position() - 1);
        songs.insert(songs.begin() + req->to_position() - 1, id);
        break;
      }
      case v1::EditPlaylistRequest::SET_OPTIONS:
        break;
      default:
        return Invalid(absl::StrCat("unknown playlist edit ", static_cast<int>(req->op())));
    }
    if (auto st = ApplyOptions(deps_.play.catalog, req->options(), &*p); !st.ok()) return st;
    if (auto st = deps_.season.SavePlaylist(*p); !st.ok()) return ToGrpc(st);
    ToProto(*p, [this](const std::string& id) { return SongName(id); }, reply);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::GetPlaylist(grpc::CallbackServerContext* ctx,
                                                      const v1::GetPlaylistRequest* req, v1::Playlist* reply) {
  return Unary(ctx, deps_, "GetPlaylist", [=] {
    auto p = deps_.season.GetPlaylist(req->name());
    if (!p.ok()) return ToGrpc(p.status());
    ToProto(*p, [this](const std::string& id) { return SongName(id); }, reply);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::ListPlaylists(grpc::CallbackServerContext* ctx,
                                                        const v1::ListPlaylistsRequest*, v1::ListPlaylistsReply* reply) {
  return Unary(ctx, deps_, "ListPlaylists", [=] {
    auto all = deps_.season.ListPlaylists();
    if (!all.ok()) return ToGrpc(all.status());
    for (const auto& p : *all) ToProto(p, [this](const std::string& id) { return SongName(id); }, reply->add_playlists());
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::DeletePlaylist(grpc::CallbackServerContext* ctx,
                                                         const v1::DeletePlaylistRequest* req, v1::DeletePlaylistReply*) {
  return Unary(ctx, deps_, "DeletePlaylist", [=] {
    return ToGrpc(deps_.season.DeletePlaylist(req->name()));
  });
}

grpc::ServerUnaryReactor* ControlService::AddSchedule(grpc::CallbackServerContext* ctx,
                                                      const v1::AddScheduleRequest* req, v1::ScheduleRule* reply) {
  return Unary(ctx, deps_, "AddSchedule", [=] {
    if (req->from().empty() || req->until().empty()) return Invalid("a schedule needs --from and --until");
    season::ScheduleRecord rec;
    rec.playlist = req->playlist();
    rec.days = req->days();
    rec.from = req->from();
    rec.until = req->until();
    rec.dates = req->dates();
    rec.stop = req->stop();
    auto v = deps_.scheduler.AddRule(rec);
    if (!v.ok()) return ToGrpc(v.status());
    ToProto(*v, reply);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::ListSchedules(grpc::CallbackServerContext* ctx,
                                                        const v1::ListSchedulesRequest*, v1::ListSchedulesReply* reply) {
  return Unary(ctx, deps_, "ListSchedules", [=] {
    auto rules = deps_.scheduler.Rules();
    if (!rules.ok()) return ToGrpc(rules.status());
    for (const auto& r : *rules) ToProto(r, reply->add_schedules());
    const auto& o = deps_.scheduler.options();
    reply->set_time_zone(o.tz_name);
    reply->set_has_location(o.where.has_value());
    if (o.where) {
      reply->set_latitude(o.where->latitude);
      reply->set_longitude(o.where->longitude);
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::DeleteSchedule(grpc::CallbackServerContext* ctx,
                                                         const v1::DeleteScheduleRequest* req, v1::DeleteScheduleReply*) {
  return Unary(ctx, deps_, "DeleteSchedule", [=] {
    return ToGrpc(deps_.scheduler.DeleteRule(req->id()));
  });
}

grpc::ServerUnaryReactor* ControlService::GetNow(grpc::CallbackServerContext* ctx, const v1::GetNowRequest*,
                                                 v1::GetNowReply* reply) {
  return Unary(ctx, deps_, "GetNow", [=] {
    ToProto(deps_.scheduler.Now(), [this](const std::string& id) { return SongName(id); }, reply);
    reply->set_time_zone(deps_.scheduler.options().tz_name);
    return grpc::Status::OK;
  });
}

std::string ControlService::SongName(const std::string& id) {
  auto song = deps_.play.catalog.FindSong(id);
  if (!song.ok() || !song->has_value() || (*song)->status != catalog::kSongOk) return "";
  return (*song)->name;
}

}  // namespace ls::api
