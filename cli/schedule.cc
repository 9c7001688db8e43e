// lsctl schedule add|list|rm, lsctl now: the nightly schedule.

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

struct ScheduleArgs {
  std::string playlist, days = "mon-sun", from, until, dates, stop = "finish-song";
  int64_t id = 0;
};

// "Sat 2026-12-05 16:36" in the server's zone (the schedule's own clock).
std::string When(const pb::Timestamp& t, const std::string& zone) {
  if (t.unix_ns() == 0) return "-";
  absl::TimeZone tz = absl::LocalTimeZone();
  if (!zone.empty() && zone != "localtime") (void)absl::LoadTimeZone(zone, &tz);
  return absl::FormatTime("%a %Y-%m-%d %H:%M:%S", absl::FromUnixNanos(t.unix_ns()), tz);
}

std::string Window(const pb::ScheduleRule& r) {
  return absl::StrCat(r.days(), " ", r.from(), "–", r.until(), r.dates().empty() ? "" : absl::StrCat(", ", r.dates()));
}

int RunAdd(Context& ctx, const ScheduleArgs& a) {
  pb::AddScheduleRequest req;
  req.set_playlist(a.playlist);
  req.set_days(a.days);
  req.set_from(a.from);
  req.set_until(a.until);
  req.set_dates(a.dates);
  req.set_stop(a.stop);
  auto reply = Call(ctx, &pb::Control::Stub::AddSchedule, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(*reply));
    return 0;
  }
  const pb::ScheduleRule& r = *reply;
  ctx.io().out << "schedule " << r.id() << ": playlist " << r.playlist() << ", " << Window(r) << ", stop "
               << r.stop() << "\n";
  if (r.has_next_start() && r.next_start().unix_ns() != 0) {
    ctx.io().out << "next window: " << When(r.next_start(), "") << " → " << When(r.next_end(), "") << "\n";
  }
  if (!r.note().empty()) ctx.io().out << "note: " << r.note() << "\n";
  return 0;
}

int RunList(Context& ctx) {
  auto listed = Call(ctx, &pb::Control::Stub::ListSchedules, {});
  if (!listed.ok()) return ctx.Fail(listed.status());
  const pb::ListSchedulesReply& reply = *listed;
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(reply));
    return 0;
  }
  ctx.io().out << "time zone " << reply.time_zone() << ", location "
               << (reply.has_location() ? absl::StrCat(reply.latitude(), ", ", reply.longitude())
                                        : std::string("not set (no dusk/dawn)"))
               << "\n";
  Table t({"ID", "PLAYLIST", "WINDOW", "STOP", "NEXT START", "NEXT END", "NOTE"});
  t.AlignRight(0);
  for (const auto& r : reply.schedules()) {
    t.AddRow({std::to_string(r.id()), r.playlist(), Window(r), r.stop(), When(r.next_start(), reply.time_zone()),
              When(r.next_end(), reply.time_zone()), r.note()});
  }
  if (t.rows() == 0) {
    ctx.io().out << "no schedules: lsctl schedule add PLAYLIST --from dusk --until 22:30\n";
  } else {
    t.Print(ctx.io().out);
  }
  return 0;
}

int RunRm(Context& ctx, int64_t id) {
  pb::DeleteScheduleRequest req;
  req.set_id(id);
  auto reply = Call(ctx, &pb::Control::Stub::DeleteSchedule, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"deleted", id}});
  } else {
    ctx.io().out << "schedule " << id << " deleted\n";
  }
  return 0;
}

int RunNow(Context& ctx) {
  auto now = Call(ctx, &pb::Control::Stub::GetNow, {});
  if (!now.ok()) return ctx.Fail(now.status());
  const pb::GetNowReply& r = *now;
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(r));
    return 0;
  }
  auto& out = ctx.io().out;
  out << "state     " << r.state();
  if (!r.playlist().empty()) {
    out << " (playlist " << r.playlist()
        << (r.schedule_id() != 0 ? absl::StrCat(", schedule ", r.schedule_id()) : std::string(", manual")) << ")";
  }
  out << "\n";
  if (!r.song_id().empty()) out << "playing   " << ShortId(r.song_id()) << "  " << r.song_name() << "\n";
  if (!r.next_song_id().empty()) {
    out << "next song " << ShortId(r.next_song_id()) << "  "
        << (r.next_song_name().empty() ? "(missing: will be skipped)" : r.next_song_name()) << "\n";
  }
  if (r.has_window_end()) out << "window    ends " << When(r.window_end(), r.time_zone()) << "\n";
  if (r.has_next_start()) {
    out << "next      " << When(r.next_start(), r.time_zone()) << "  playlist " << r.next_playlist()
        << " (schedule " << r.next_schedule_id() << ")\n";
  } else {
    out << "next      no scheduled window within a year\n";
  }
  for (const auto& n : r.notes()) out << "note      " << n << "\n";
  return 0;
}

}  // namespace

void AddScheduleCommands(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ScheduleArgs>();
  auto* sc = app.add_subcommand("schedule", "The nightly schedule: play playlists in time windows");
  sc->require_subcommand(1);
  auto* add = sc->add_subcommand("add", "Play PLAYLIST in a window on chosen days");
  add->add_option("PLAYLIST", a->playlist)->required();
  add->add_option("--days", a->days, "days of the week, e.g. mon-sun, fri,sat, fri-sun")->capture_default_str();
  add->add_option("--from", a->from, "start: HH:MM[:SS], dusk, sunset, dawn, sunrise, with +/- offset (dusk+30m)")
      ->required();
  add->add_option("--until", a->until, "end: as --from (may cross midnight into the next morning)")->required();
  add->add_option("--dates", a->dates, "yearly date range MM-DD..MM-DD, e.g. 11-28..01-06 (default: all)");
  add->add_option("--stop", a->stop, "at the window's end: finish-song or now")->capture_default_str();
  add->callback([&ctx, a] { ctx.action = [&ctx, a] { return RunAdd(ctx, *a); }; });

  auto* list = sc->add_subcommand("list", "Every schedule with its next window");
  list->callback([&ctx] { ctx.action = [&ctx] { return RunList(ctx); }; });

  auto* rm = sc->add_subcommand("rm", "Delete a schedule");
  rm->add_option("ID", a->id)->required();
  rm->callback([&ctx, a] { ctx.action = [&ctx, a] { return RunRm(ctx, a->id); }; });

  auto* now = app.add_subcommand("now", "What plays now, what comes next and when");
  now->callback([&ctx] { ctx.action = [&ctx] { return RunNow(ctx); }; });
}

}  // namespace ls::cli
