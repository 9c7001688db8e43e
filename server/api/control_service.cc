#include "api/control_service.h"

#include <chrono>
#include <functional>

#include "absl/strings/str_cat.h"
#include "analysis/analysis_codec.h"
#include "api/convert.h"
#include "api/unary.h"
#include "api/upload_reactor.h"
#include "common/status_macros.h"
#include "stream/show_watcher.h"

namespace ls::api {

namespace v1 = lightshow::v1;

namespace {

// 64 groups of 8 = 512 channels: far beyond any show, small enough to catch typos.
constexpr uint32_t kMaxGroup = 63;
// Bounds of PlayRequest fields (the show player's own limits, in ms).
constexpr int64_t kMaxLeadMs = 60'000;
constexpr int64_t kMaxOffsetMs = 10'000;

}  // namespace

grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* ctx, const ServiceDeps& deps,
                                const char* method, std::function<grpc::Status()> body) {
  auto t0 = std::chrono::steady_clock::now();
  auto* reactor = ctx->DefaultReactor();
  auto finish = [reactor, t0, method, &metrics = deps.play.metrics](const grpc::Status& st) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    metrics.RecordRequest(method, CodeName(st.error_code()), s);
    reactor->Finish(st);
  };
  grpc::Status st = deps.auth.CheckAdmin(ctx);
  if (!st.ok()) {
    finish(st);
  } else if (!deps.control_pool.Submit([body, finish] { finish(body()); })) {
    finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
  }
  return reactor;
}

grpc::ServerReadReactor<v1::UploadChunk>* ControlService::Upload(grpc::CallbackServerContext* ctx,
                                                                 v1::UploadReply* reply) {
  return new UploadReactor(ctx, deps_, reply);
}

grpc::ServerUnaryReactor* ControlService::ListSongs(grpc::CallbackServerContext* ctx,
                                                    const v1::ListSongsRequest*,
                                                    v1::ListSongsReply* reply) {
  return Unary(ctx, deps_, "ListSongs", [=] {
    auto songs = deps_.play.catalog.ListSongs();
    if (!songs.ok()) return ToGrpc(songs.status());
    for (const auto& s : *songs) {
      ToProto(s, s.status == catalog::kSongOk ? reply->add_songs() : reply->add_unavailable());
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::GetSong(grpc::CallbackServerContext* ctx,
                                                  const v1::GetSongRequest* req,
                                                  v1::GetSongReply* reply) {
  return Unary(ctx, deps_, "GetSong", [=] {
    auto song = deps_.play.catalog.ResolveSong(req->id());
    if (!song.ok()) return ToGrpc(song.status());
    ToProto(*song, reply->mutable_song());
    if (!song->show_id.empty()) {
      auto show = deps_.play.catalog.GetShow(song->show_id);
      if (!show.ok()) return ToGrpc(show.status());
      ToProto(*show, reply->mutable_show());
    }
    // Not analysed yet (an upgrade still re-rendering it) or damaged: no analysis, no error.
    if (auto music = deps_.play.ingestor.LoadAnalysis(song->id); music.ok()) {
      *reply->mutable_analysis() = analysis::ToProto(*music);
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::Play(grpc::CallbackServerContext* ctx,
                                               const v1::PlayRequest* req, v1::PlayReply* reply) {
  return Unary(ctx, deps_, "Play", [=] {
    if (!req->playlist().empty()) return PlayPlaylist(*req, reply);
    auto song = deps_.play.catalog.ResolveSong(req->song_id());
    if (!song.ok()) return ToGrpc(song.status());
    if (song->status != catalog::kSongOk) {
      return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                          absl::StrCat("song ", song->id, " cannot be played: its data is missing from the "
                                       "server's data dir (status ", song->status,
                                       ", found by the start-up check); upload the file again"));
    }
    auto show = deps_.play.catalog.GetShow(song->show_id);
    if (!show.ok()) return ToGrpc(show.status());
    auto masks = deps_.play.ingestor.LoadMasks(*show);
    if (!masks.ok()) return ToGrpc(masks.status());
    stream::PlayParams p;
    p.song_id = song->id;
    p.song_name = song->name;
    p.show_id = show->id;
    p.channels = show->channels;
    p.frame_period_ns = show->frame_period_ns;
    p.masks = std::move(*masks);
    for (const auto& id : req->agent_ids()) {
      if (id != "all") p.agent_ids.push_back(id);
    }
    // Range-checked before scaling to ns, so a huge value cannot overflow back
    // into range (the player checks the same bounds on the ns values).
    if (req->lead_ms() < 0 || req->lead_ms() > kMaxLeadMs) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          absl::StrCat("lead_ms must be 0..", kMaxLeadMs, ", got ", req->lead_ms()));
    }
    if (req->offset_ms() < -kMaxOffsetMs || req->offset_ms() > kMaxOffsetMs) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          absl::StrCat("offset_ms must be within ±", kMaxOffsetMs, ", got ", req->offset_ms()));
    }
    p.lead_ns = req->lead_ms() * 1'000'000;
    p.offset_ns = (req->offset_ms() + deps_.play.default_offset_ms) * 1'000'000;
    if (deps_.play.audio_blobs != nullptr && !req->no_audio()) {
      p.load_audio = [blobs = deps_.play.audio_blobs, id = song->id] { return blobs->Get("songs", id); };
    }
    // A manual play inside a scheduled window wins; the schedule waits for its end.
    deps_.scheduler.BeginManualPlay();
    auto played = deps_.play.player.Play(std::move(p));
    deps_.scheduler.EndManualPlay(played.ok() ? played->play_id() : "");
    if (!played.ok()) return ToGrpc(played.status());
    *reply = *played;
    deps_.play.metrics.CountShowStarted();
    return grpc::Status::OK;
  });
}

grpc::Status ControlService::PlayPlaylist(const v1::PlayRequest& req, v1::PlayReply* reply) {
  if (!req.song_id().empty()) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                        absl::StrCat("give a song or a playlist, not both (song '", req.song_id(), "', playlist '",
                                     req.playlist(), "')"));
  }
  auto started = deps_.scheduler.PlayPlaylist(req.playlist());
  if (!started.ok()) {
    // No agent: the same answer as a single song's play.
    if (started.status().code() == absl::StatusCode::kUnavailable) {
      return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, std::string(started.status().message()));
    }
    return ToGrpc(started.status());
  }
  *reply = started->reply;
  reply->set_playlist(req.playlist());
  return grpc::Status::OK;
}

grpc::ServerUnaryReactor* ControlService::Stop(grpc::CallbackServerContext* ctx,
                                               const v1::StopRequest* req, v1::StopReply* reply) {
  return Unary(ctx, deps_, "Stop", [=] {
    // First, so the schedule does not start its next song in between.
    deps_.scheduler.Stopped(req->resume());
    reply->set_stopped(static_cast<uint32_t>(deps_.play.player.Stop(req->play_id())));
    return grpc::Status::OK;
  });
}

grpc::ServerWriteReactor<v1::ShowStatus>* ControlService::WatchShow(
    grpc::CallbackServerContext* ctx, const v1::WatchShowRequest* req) {
  grpc::Status auth = deps_.auth.CheckAdmin(ctx);
  deps_.play.metrics.RecordRequest("WatchShow", CodeName(auth.error_code()), 0);
  if (!auth.ok()) {
    auto* w = new stream::ShowWatcher(nullptr);
    w->FinishNow(auth);
    return w;
  }
  return deps_.play.player.Watch(req->play_id());
}

grpc::ServerUnaryReactor* ControlService::ListAgents(grpc::CallbackServerContext* ctx,
                                                     const v1::ListAgentsRequest*,
                                                     v1::ListAgentsReply* reply) {
  return Unary(ctx, deps_, "ListAgents", [=] {
    for (auto& a : deps_.play.registry.List()) *reply->add_agents() = std::move(a);
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::AssignAgent(grpc::CallbackServerContext* ctx,
                                                      const v1::AssignAgentRequest* req,
                                                      v1::AssignAgentReply* reply) {
  return Unary(ctx, deps_, "AssignAgent", [=] {
    if (req->agent_id().empty() || req->agent_id().size() > 64) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          absl::StrCat("agent id must be 1 to 64 characters, got '", req->agent_id(), "'"));
    }
    if (req->group() > kMaxGroup) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          absl::StrCat("group must be 0..", kMaxGroup, ", got ", req->group()));
    }
    // Stored first: the assignment must survive a restart once we said OK.
    if (auto st = deps_.play.catalog.SetAgentGroup(req->agent_id(), req->group()); !st.ok()) return ToGrpc(st);
    *reply->mutable_agent() = deps_.play.registry.Assign(req->agent_id(), req->group());
    return grpc::Status::OK;
  });
}

}  // namespace ls::api
