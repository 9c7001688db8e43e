// lsctl agents: the Pi agents known to the server.

#include <cstdio>
#include <memory>

#include "cli/client.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

std::string Millis(int64_t ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(ns) / 1e6);
  return buf;
}

int RunAgents(Context& ctx) {
  auto reply = Call(ctx, &pb::Control::Stub::ListAgents, {});
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    Json agents = Json::array();
    for (const auto& a : reply->agents()) agents.push_back(ProtoToJson(a));
    PrintJson(ctx.io().out, {{"agents", agents}});
  } else {
    PrintAgentsTable(ctx.io().out, *reply);
  }
  return 0;
}

int RunAssign(Context& ctx, const std::string& agent, uint32_t group) {
  pb::AssignAgentRequest req;
  req.set_agent_id(agent);
  req.set_group(group);
  auto reply = Call(ctx, &pb::Control::Stub::AssignAgent, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(*reply));
  } else {
    ctx.io().out << "agent " << agent << " plays channels " << group * 8 << "-" << group * 8 + 7
                 << (reply->agent().connected() ? " from its next show\n"
                                                 : " (not connected now; kept for when it is)\n");
  }
  return 0;
}

}  // namespace

void PrintAgentsTable(std::ostream& out, const pb::ListAgentsReply& reply) {
  if (reply.agents_size() == 0) {
    out << "no agents; start lightshow-agent on a Pi (or with --gpio sim:FILE)\n";
    return;
  }
  Table t({"ID", "CONNECTED", "CH", "GROUP", "PEER", "OFFSET_MS", "CLOCK_MS", "RTT_MS", "APPLIED",
           "LATE", "DROPPED"});
  for (size_t c : {2, 3, 5, 6, 7, 8, 9, 10}) t.AlignRight(c);
  for (const auto& a : reply.agents()) {
    t.AddRow({a.id(), a.connected() ? "yes" : "no", std::to_string(a.channels()),
              std::to_string(a.group()), a.peer(), std::to_string(a.offset_ms()),
              Millis(a.clock_offset_ns()), Millis(a.rtt_ns()), std::to_string(a.frames_applied()),
              std::to_string(a.frames_late()), std::to_string(a.frames_dropped())});
  }
  t.Print(out);
}

void AddAgentsCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("agents", "List the agents and their playback statistics");
  auto agent = std::make_shared<std::string>();
  auto group = std::make_shared<uint32_t>(0);
  auto* assign = cmd->add_subcommand(
      "assign", "Map an agent to a group of 8 show channels (0 = channels 0-7, 1 = 8-15, ...)");
  assign->add_option("AGENT", *agent, "agent id")->required();
  assign->add_option("GROUP", *group, "channel group")->required()->check(CLI::Range(0, 63));
  assign->callback([&ctx, agent, group] {
    ctx.action = [&ctx, agent, group] { return RunAssign(ctx, *agent, *group); };
  });
  // Runs after the subcommand's callback: only list when no subcommand was given.
  cmd->callback([&ctx, cmd] {
    if (cmd->get_subcommands().empty()) ctx.action = [&ctx] { return RunAgents(ctx); };
  });
}

}  // namespace ls::cli
