// Live progress of a playing show (play --wait, watch).

#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

// The default show frame period: hop 1024 at 44.1 kHz.
constexpr int64_t kDefaultPeriodNs = 1024LL * 1000000000LL / 44100;

bool IsEnd(const pb::ShowStatus& s) {
  return s.state() == pb::ShowStatus::FINISHED || s.state() == pb::ShowStatus::STOPPED;
}

// WatchShow carries no frame period; the song's show has it.
int64_t LookUpPeriod(const Context& ctx, Connection& conn, const std::string& song_id) {
  pb::GetSongRequest req;
  req.set_id(song_id);
  pb::GetSongReply reply;
  const grpc::Status st =
      conn.Unary(&pb::Control::Stub::GetSong, req, &reply, SecondsToMs(ctx.options().timeout_s));
  if (st.ok() && reply.show().frame_period_ns() > 0) {
    return reply.show().frame_period_ns();
  }
  return kDefaultPeriodNs;
}

int RunWatch(Context& ctx, const std::string& play_id) {
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  pb::ShowStatus last;
  // Nothing bounds a show we did not start; a generous cap still ends a hung call.
  const grpc::Status status = WatchShow(ctx, **conn, play_id, 0, std::chrono::hours(6), &last);
  if (!status.ok()) return ctx.FailRpc(status);
  if (ctx.options().json) PrintJson(ctx.io().out, {{"status", ProtoToJson(last)}});
  return 0;
}

}  // namespace

std::string FormatShowStatus(const pb::ShowStatus& s, int64_t period_ns) {
  const double period = static_cast<double>(period_ns > 0 ? period_ns : kDefaultPeriodNs) * 1e-9;
  const uint32_t frame = s.state() == pb::ShowStatus::FINISHED ? s.frame_count() : s.frame();
  // Most telling first: a narrow terminal cuts the line from the right.
  std::string line = absl::AsciiStrToLower(pb::ShowStatus::State_Name(s.state()));
  line += "  " + FormatDuration(frame * period) + " / " + FormatDuration(s.frame_count() * period);
  line += "  " + FormatLights(s.mask(), s.channels());
  if (!s.song_name().empty()) line += "  " + s.song_name();
  line += "  agents: ";
  line += s.agent_ids().empty() ? "none" : absl::StrJoin(s.agent_ids(), ", ");
  return line;
}

grpc::Status WatchShow(Context& ctx, Connection& conn, const std::string& play_id,
                       int64_t period_ns, std::chrono::milliseconds total_wait,
                       pb::ShowStatus* last) {
  auto call = conn.NewContext(total_wait);
  pb::WatchShowRequest req;
  req.set_play_id(play_id);
  auto reader = conn.stub().WatchShow(call.get(), req);

  // With --json stdout is reserved for the document; draw on a stderr terminal only.
  const bool json = ctx.options().json;
  const bool tty = json ? ctx.io().err_tty : ctx.io().out_tty;
  const bool draw = !json || tty;
  LiveLine line(json ? ctx.io().err : ctx.io().out, tty, ctx.io().columns);

  pb::ShowStatus status;
  int last_state = -1;
  bool ended = false;
  while (reader->Read(&status)) {
    *last = status;
    if (period_ns <= 0) period_ns = LookUpPeriod(ctx, conn, status.song_id());
    ended = IsEnd(status);
    if (draw) line.Show(FormatShowStatus(status, period_ns), status.state() != last_state || ended);
    last_state = status.state();
    if (ended) break;
  }
  line.Finish();
  if (ended) {
    // The show is over; do not wait for the server to close the stream.
    call->TryCancel();
    reader->Finish();
    return grpc::Status::OK;
  }
  const grpc::Status st = reader->Finish();
  if (!st.ok()) return st;
  return grpc::Status(grpc::StatusCode::ABORTED,
                      "the server closed the watch stream before the show finished");
}

void AddWatchCommand(CLI::App& app, Context& ctx) {
  auto id = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("watch", "Follow a playing show until it ends");
  cmd->add_option("PLAY_ID", *id, "the playback (default: the most recent one)");
  cmd->callback([&ctx, id] { ctx.action = [&ctx, id] { return RunWatch(ctx, *id); }; });
}

}  // namespace ls::cli
