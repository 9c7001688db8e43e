#pragma once
/// Season records (playlists, schedule rules, what plays now) → protobuf.

#include <functional>
#include <string>

#include "lightshow/v1/season.pb.h"
#include "season/scheduler.h"
#include "season/season_store.h"

namespace ls::api {

/// The name of a playable song, "" when it is gone (its entry is then marked missing).
using SongNamer = std::function<std::string(const std::string& song_id)>;

void ToProto(const season::PlaylistRecord& in, const SongNamer& name, lightshow::v1::Playlist* out);
void ToProto(const season::RuleView& in, lightshow::v1::ScheduleRule* out);
void ToProto(const season::NowInfo& in, const SongNamer& name, lightshow::v1::GetNowReply* out);

}  // namespace ls::api
