// lsctl play / stop: start and stop shows on the agents.

#include <chrono>
#include <memory>
#include <sstream>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/ascii.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

struct PlayArgs {
  std::string song;
  std::string agents = "all";
  int64_t lead_ms = 0;
  int64_t offset_ms = 0;
  bool wait = false;
  bool no_audio = false;
  std::string playlist;
  bool resume = false;
};

// The watch must outlive the lead time and the song, plus slack for a slow server.
std::chrono::milliseconds WatchDeadline(const pb::PlayReply& reply) {
  const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  int64_t lead_ns = reply.start().unix_ns() - now_ns;
  if (lead_ns < 0) lead_ns = 0;
  const int64_t show_ns = static_cast<int64_t>(reply.frame_count()) * reply.frame_period_ns();
  return std::chrono::milliseconds((lead_ns + show_ns) / 1000000 + 60000);
}

int RunPlay(Context& ctx, const PlayArgs& args, const std::vector<std::string>& agents) {
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  pb::PlayRequest req;
  req.set_song_id(args.song);
  req.set_playlist(args.playlist);
  for (const auto& a : agents) req.add_agent_ids(a);
  req.set_lead_ms(args.lead_ms);
  req.set_offset_ms(args.offset_ms);
  req.set_no_audio(args.no_audio);
  auto played = Call(ctx, **conn, &pb::Control::Stub::Play, req);
  if (!played.ok()) return ctx.Fail(played.status());
  const pb::PlayReply& reply = *played;
  const bool json = ctx.options().json;
  if (!json && !reply.playlist().empty()) {
    ctx.io().out << "playlist " << reply.playlist() << ": first song (`lsctl now` shows what comes next)\n";
  }
  if (!json) PrintPlay(ctx.io().out, reply);
  if (!args.wait) {
    if (json) PrintJson(ctx.io().out, {{"play", ProtoToJson(reply)}});
    return 0;
  }

  pb::ShowStatus last;
  const grpc::Status status =
      WatchShow(ctx, **conn, reply.play_id(), reply.frame_period_ns(), WatchDeadline(reply), &last);
  if (json) {
    Json doc = {{"play", ProtoToJson(reply)},
                          {"status", last.play_id().empty() ? Json(nullptr)
                                                            : ProtoToJson(last)}};
    if (!status.ok()) {
      const std::string message =
          DescribeRpcError(status, (*conn)->address(), ctx.options().timeout_s);
      ctx.io().err << "lsctl: error: " << message << "\n";
      doc["error"] = {{"code", StatusCodeName(status.error_code())}, {"message", message}};
    }
    PrintJson(ctx.io().out, doc);
    return status.ok() ? 0 : 1;
  }
  if (!status.ok()) return ctx.FailRpc(status);
  ctx.io().out << "show " << absl::AsciiStrToLower(pb::ShowStatus::State_Name(last.state()))
               << "\n";
  return 0;
}

int RunStop(Context& ctx, const std::string& play_id, bool resume) {
  pb::StopRequest req;
  req.set_play_id(play_id);
  req.set_resume(resume);
  auto reply = Call(ctx, &pb::Control::Stub::Stop, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(*reply));
  } else if (reply->stopped() == 0) {
    ctx.io().out << "stopped 0 shows (nothing was playing)\n";
  } else {
    ctx.io().out << "stopped " << reply->stopped() << (reply->stopped() == 1 ? " show" : " shows")
                 << "\n";
  }
  return 0;
}

}  // namespace

std::vector<std::string> ParseAgentList(const std::string& text) {
  const std::string trimmed(absl::StripAsciiWhitespace(text));
  if (trimmed == "all" || trimmed == "*") return {};
  std::vector<std::string> ids;
  for (absl::string_view part : absl::StrSplit(trimmed, ',')) {
    const std::string id(absl::StripAsciiWhitespace(part));
    if (id.empty()) {
      throw CLI::ValidationError("--agents",
                                 "empty agent id in \"" + text + "\" (want all or ID,ID,...)");
    }
    ids.push_back(id);
  }
  return ids;
}

void PrintPlay(std::ostream& out, const pb::PlayReply& reply) {
  const int64_t now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
  const int64_t start_ns = reply.start().unix_ns();
  const double period_s = static_cast<double>(reply.frame_period_ns()) * 1e-9;
  Table t({"FIELD", "VALUE"});
  t.AddRow({"play", reply.play_id()});
  t.AddRow({"song", ShortId(reply.song_id())});
  t.AddRow({"show", reply.show_id()});
  std::string start = FormatLocalTime(start_ns / 1000000);
  if (start_ns > now_ns) start += " (in " + FormatSeconds((start_ns - now_ns) * 1e-9) + ")";
  t.AddRow({"start", start});
  t.AddRow({"frames", std::to_string(reply.frame_count()) + " × " + FormatSeconds(period_s) +
                          " = " + FormatDuration(reply.frame_count() * period_s)});
  t.AddRow({"agents",
            reply.agent_ids().empty() ? "none connected" : absl::StrJoin(reply.agent_ids(), ", ")});
  std::ostringstream buf;
  t.Print(buf);
  const std::string text = buf.str();
  out << text.substr(text.find('\n') + 1);  // key/value lines need no header
}

void AddPlayCommands(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<PlayArgs>();
  auto* play = app.add_subcommand("play", "Play a song's show on the agents");
  play->add_option("SONG", args->song, "song id or a unique prefix");
  play->add_option("--playlist", args->playlist, "play this playlist instead of one song");
  play->add_option("--agents", args->agents, "all, or agent ids separated by commas")
      ->capture_default_str();
  play->add_option("--lead-ms", args->lead_ms, "start this far in the future (0 = server default)")
      ->check(CLI::NonNegativeNumber);
  play->add_option("--offset-ms", args->offset_ms, "audio-to-light offset added to every frame");
  play->add_flag("--no-audio", args->no_audio,
                 "the server plays no music (leave it to another player)");
  play->add_flag("--wait", args->wait,
                 "follow the show live until it ends (Ctrl-C stops watching, not the show)");
  play->callback([&ctx, args] {
    const auto agents = ParseAgentList(args->agents);  // throws → usage error
    if (args->song.empty() == args->playlist.empty()) {
      throw CLI::ValidationError("play", "give a SONG or --playlist NAME (one of the two)");
    }
    ctx.action = [&ctx, args, agents] { return RunPlay(ctx, *args, agents); };
  });

  auto play_id = std::make_shared<std::string>();
  auto* stop = app.add_subcommand("stop", "Stop a playing show (default: every one)");
  auto resume = std::make_shared<bool>(false);
  stop->add_option("PLAY_ID", *play_id, "the playback to stop");
  stop->add_flag("--resume", *resume,
                 "in a scheduled window: the schedule goes on with its next song (without it, the "
                 "schedule pauses until the next window)");
  stop->callback([&ctx, play_id, resume] {
    ctx.action = [&ctx, play_id, resume] { return RunStop(ctx, *play_id, *resume); };
  });
}

}  // namespace ls::cli
