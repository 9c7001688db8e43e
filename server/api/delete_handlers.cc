// Control.ExportShow (its reactor is export_reactor.cc), DeleteSongs, DeleteModel, PruneJobs.
#include <set>

#include "absl/strings/str_cat.h"
#include "api/control_service.h"
#include "api/convert.h"
#include "api/export_reactor.h"
#include "api/unary.h"

namespace ls::api {
namespace {

namespace v1 = lightshow::v1;

grpc::Status Refused(const catalog::SongRecord& s, const std::string& why) {
  return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                      absl::StrCat("song ", s.id, " (", s.name, ") cannot be deleted: ", why,
                                   "; nothing was deleted"));
}

}  // namespace

grpc::ServerWriteReactor<v1::ExportShowChunk>* ControlService::ExportShow(
    grpc::CallbackServerContext* ctx, const v1::ExportShowRequest* req) {
  return new ExportReactor(ctx, deps_, *req);
}

grpc::ServerUnaryReactor* ControlService::DeleteSongs(grpc::CallbackServerContext* ctx,
                                                      const v1::DeleteSongsRequest* req,
                                                      v1::DeleteSongsReply* reply) {
  return Unary(ctx, deps_, "DeleteSongs", [=] {
    if (req->song_ids().empty()) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "song_ids: give at least one song to delete");
    }
    // Every id is checked before anything is deleted, so a refusal changes nothing.
    std::vector<catalog::SongRecord> songs;
    std::set<std::string> seen;
    std::vector<jobs::JobRecord> active;
    auto jobs = deps_.learn.Jobs();
    if (!jobs.ok()) return ToGrpc(jobs.status());
    for (auto& j : *jobs) {
      if (!jobs::IsFinished(j.state)) active.push_back(std::move(j));
    }
    for (const auto& id : req->song_ids()) {
      auto song = deps_.play.catalog.ResolveSong(id);
      if (!song.ok()) return ToGrpc(song.status());
      if (!seen.insert(song->id).second) continue;
      if (deps_.play.player.IsPlaying(song->id)) return Refused(*song, "it is playing (lsctl stop first)");
      for (const auto& j : active) {
        // Jobs keep the full ids of their songs in their settings.
        if (j.params.find(song->id) != std::string::npos) {
          return Refused(*song, absl::StrCat("job ", j.id, " (", jobs::JobStateName(j.state),
                                             ") uses it (wait for it or lsctl cancel ", j.id, ")"));
        }
      }
      songs.push_back(*song);
    }
    for (const auto& s : songs) {
      if (auto st = catalog::DeleteSongAndBlobs(&deps_.play.catalog, deps_.blobs, s.id); !st.ok()) return ToGrpc(st);
      ToProto(s, reply->add_deleted());
    }
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::DeleteModel(grpc::CallbackServerContext* ctx,
                                                      const v1::DeleteModelRequest* req,
                                                      v1::DeleteModelReply* reply) {
  return Unary(ctx, deps_, "DeleteModel", [=] {
    if (auto st = deps_.learn.DeleteModel(req->id()); !st.ok()) return ToGrpc(st);
    reply->set_id(req->id());
    return grpc::Status::OK;
  });
}

grpc::ServerUnaryReactor* ControlService::PruneJobs(grpc::CallbackServerContext* ctx, const v1::PruneJobsRequest*,
                                                    v1::PruneJobsReply* reply) {
  return Unary(ctx, deps_, "PruneJobs", [=] {
    auto ids = deps_.learn.PruneJobs();
    if (!ids.ok()) return ToGrpc(ids.status());
    for (const auto& id : *ids) reply->add_removed(id);
    return grpc::Status::OK;
  });
}

}  // namespace ls::api
