// lsctl rm SONG…, models rm MODEL, jobs prune: deleting songs (with their
// shows and stored data), models and finished jobs.
#include <memory>
#include <vector>

#include "cli/client.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "lightshow/v1/export.pb.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

int RunRm(Context& ctx, const std::vector<std::string>& ids) {
  pb::DeleteSongsRequest req;
  for (const auto& id : ids) req.add_song_ids(id);
  auto reply = Call(ctx, &pb::Control::Stub::DeleteSongs, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(*reply));
  } else {
    for (const auto& s : reply->deleted()) ctx.io().out << "deleted " << ShortId(s.id()) << "  " << s.name() << "\n";
  }
  return 0;
}

int RunModelRm(Context& ctx, const std::string& id) {
  pb::DeleteModelRequest req;
  req.set_id(id);
  auto reply = Call(ctx, &pb::Control::Stub::DeleteModel, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(*reply));
  } else {
    ctx.io().out << "deleted model " << reply->id() << "\n";
  }
  return 0;
}

int RunPrune(Context& ctx) {
  auto reply = Call(ctx, &pb::Control::Stub::PruneJobs, {});
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"removed", std::vector<std::string>(reply->removed().begin(), reply->removed().end())}});
  } else {
    ctx.io().out << "removed " << reply->removed_size() << " finished job(s)";
    for (const auto& id : reply->removed()) ctx.io().out << " " << id;
    ctx.io().out << "\n";
  }
  return 0;
}

}  // namespace

void AddModelRmCommand(CLI::App& models, Context& ctx) {
  auto id = std::make_shared<std::string>();
  auto* rm = models.add_subcommand("rm", "Delete a model and its files (not the active one)");
  rm->add_option("MODEL", *id, "model id")->required();
  rm->callback([&ctx, id] { ctx.action = [&ctx, id] { return RunModelRm(ctx, *id); }; });
}

void AddJobsPruneCommand(CLI::App& jobs, Context& ctx) {
  auto* prune = jobs.add_subcommand("prune", "Delete finished jobs (succeeded, failed, cancelled) and their checkpoints");
  prune->callback([&ctx] { ctx.action = [&ctx] { return RunPrune(ctx); }; });
}

void AddDeleteCommands(CLI::App& app, Context& ctx) {
  auto ids = std::make_shared<std::vector<std::string>>();
  auto* rm = app.add_subcommand("rm", "Delete songs with their shows (refused while one plays or a job uses it)");
  rm->add_option("SONG", *ids, "song ids or unique prefixes")->required();
  rm->callback([&ctx, ids] { ctx.action = [&ctx, ids] { return RunRm(ctx, *ids); }; });
}

}  // namespace ls::cli
