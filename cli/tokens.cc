// lsctl tokens: named access tokens (create prints the token once).

#include <memory>

#include "cli/client.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

std::string RoleText(pb::TokenRole r) {
  switch (r) {
    case pb::TOKEN_ROLE_AGENT: return "agent";
    case pb::TOKEN_ROLE_ADMIN: return "admin";
    default: return "?";
  }
}

int RunCreate(Context& ctx, const std::string& role, const std::string& name) {
  pb::CreateTokenRequest req;
  req.set_role(role == "admin" ? pb::TOKEN_ROLE_ADMIN : pb::TOKEN_ROLE_AGENT);
  req.set_name(name);
  auto reply = Call(ctx, &pb::Control::Stub::CreateToken, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(*reply));
  } else {
    // The token on a line of its own, so `lsctl tokens create ... | tail -1 > F` works.
    ctx.io().err << "token '" << reply->info().name() << "' (" << RoleText(reply->info().role())
                 << "): shown only now; store it in a file with mode 0600\n";
    ctx.io().out << reply->token() << "\n";
  }
  return 0;
}

int RunList(Context& ctx) {
  auto reply = Call(ctx, &pb::Control::Stub::ListTokens, {});
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    Json tokens = Json::array();
    for (const auto& t : reply->tokens()) tokens.push_back(ProtoToJson(t));
    PrintJson(ctx.io().out, {{"tokens", tokens}});
    return 0;
  }
  if (reply->tokens_size() == 0) {
    ctx.io().out << "no named tokens (the data dir's token file is the admin token); make one with "
                    "`lsctl tokens create --role agent`\n";
    return 0;
  }
  Table t({"NAME", "ROLE", "CREATED"});
  for (const auto& tok : reply->tokens()) {
    t.AddRow({tok.name(), RoleText(tok.role()), FormatLocalTime(tok.created_unix_ms())});
  }
  t.Print(ctx.io().out);
  return 0;
}

int RunRevoke(Context& ctx, const std::string& name) {
  pb::RevokeTokenRequest req;
  req.set_name(name);
  auto reply = Call(ctx, &pb::Control::Stub::RevokeToken, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"revoked", name}});
  } else {
    ctx.io().out << "revoked token '" << name << "'\n";
  }
  return 0;
}

}  // namespace

void AddTokensCommands(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("tokens", "Named access tokens: admin (lsctl) or agent (AgentLink only)");
  cmd->require_subcommand(1);

  auto role = std::make_shared<std::string>("agent");
  auto name = std::make_shared<std::string>();
  auto* create = cmd->add_subcommand("create", "Make a token and print it (shown only this once)");
  create->add_option("--role", *role, "agent (may only connect agents) or admin")
      ->capture_default_str()
      ->check(CLI::IsMember({"agent", "admin"}));
  create->add_option("--name", *name, "name to list and revoke it by (default: ROLE-<6 hex>)");
  create->callback([&ctx, role, name] { ctx.action = [&ctx, role, name] { return RunCreate(ctx, *role, *name); }; });

  auto* list = cmd->add_subcommand("list", "The named tokens (never the tokens themselves)");
  list->callback([&ctx] { ctx.action = [&ctx] { return RunList(ctx); }; });

  auto revoke_name = std::make_shared<std::string>();
  auto* revoke = cmd->add_subcommand("revoke", "Delete a named token; it stops working at once");
  revoke->add_option("NAME", *revoke_name, "token name")->required();
  revoke->callback([&ctx, revoke_name] {
    ctx.action = [&ctx, revoke_name] { return RunRevoke(ctx, *revoke_name); };
  });
}

}  // namespace ls::cli
