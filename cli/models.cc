// lsctl models / activate MODEL: the trained models and the active one.

#include <iomanip>
#include <memory>
#include <sstream>

#include "cli/client.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

std::string Num(double v) {
  std::ostringstream o;
  o << std::setprecision(4) << v;
  return o.str();
}

int RunModels(Context& ctx) {
  auto reply = Call(ctx, &pb::Control::Stub::ListModels, {});
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    Json models = Json::array();
    for (const auto& m : reply->models()) models.push_back(ProtoToJson(m));
    PrintJson(ctx.io().out, {{"models", models}});
    return 0;
  }
  if (reply->models_size() == 0) {
    ctx.io().out << "no models yet (shows use the band renderer); train one with "
                    "`lsctl train autoencoder --follow`\n";
    return 0;
  }
  Table t({"", "ID", "KIND", "ARCH", "SONGS", "VAL MSE", "PCA MSE", "RATIO", "STATUS", "CREATED", "PROFILE"});
  for (const auto& m : reply->models()) {
    const double ratio = m.pca_val_mse() > 0 ? m.val_mse() / m.pca_val_mse() : 0;
    const std::string kind = m.kind().empty() ? "autoencoder" : m.kind();
    std::vector<std::string> score = {Num(m.val_mse()), Num(m.pca_val_mse()), Num(ratio)};
    // Classification models have no reconstruction error: their validation figure instead.
    if (kind == "end_detector") score = {"frame F1 " + Num(m.classify_metrics().frame_f1()), "-", "-"};
    if (kind == "classifier") score = {"accuracy " + Num(m.classify_metrics().accuracy()), "-", "-"};
    t.AddRow({m.active() ? "*" : "", m.id(), kind, m.arch(),
              std::to_string(m.train_songs()) + "+" + std::to_string(m.val_songs()), score[0], score[1],
              score[2], m.status() == "ok" ? "ok" : "broken: " + m.message(), FormatLocalTime(m.created_unix_ms()),
              m.profile()});
  }
  t.Print(ctx.io().out);
  return 0;
}

int RunActivate(Context& ctx, const std::string& id, const std::string& profile) {
  pb::ActivateModelRequest req;
  req.set_id(id);
  req.set_profile(profile);
  auto reply = Call(ctx, &pb::Control::Stub::ActivateModel, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(*reply));
  } else {
    ctx.io().out << (id == "bands" ? "band renderer" : "model " + reply->model().id() + " (profile " + profile + ")")
                 << " active; re-rendering " << reply->shows_queued() << " stored show(s)\n";
  }
  return 0;
}

}  // namespace

void AddModelsCommands(CLI::App& app, Context& ctx) {
  auto* models = app.add_subcommand("models", "List trained models (* = active)");
  AddModelRmCommand(*models, ctx);
  // `models rm` sets its own action; the list runs only without a subcommand.
  models->callback([&ctx, models] {
    if (models->get_subcommands().empty()) ctx.action = [&ctx] { return RunModels(ctx); };
  });

  auto id = std::make_shared<std::string>();
  auto profile = std::make_shared<std::string>("relay");
  auto* act = app.add_subcommand("activate", "Render shows with a model (or 'bands')");
  act->add_option("MODEL", *id, "model id, or bands for the band renderer")->required();
  act->add_option("--profile", *profile,
                  "relay (mechanical relays: dwell >= 60 ms, <= 8 toggles/s) or ssr (solid-state, faster)")
      ->capture_default_str();
  act->callback([&ctx, id, profile] { ctx.action = [&ctx, id, profile] { return RunActivate(ctx, *id, *profile); }; });
}

}  // namespace ls::cli
