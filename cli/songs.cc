// lsctl songs / song: the catalog.

#include <memory>
#include <sstream>

#include "cli/client.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "cli/analysis_view.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

std::string SourceFormat(const pb::Song& s) {
  return std::to_string(s.source_sample_rate()) + " Hz/" + std::to_string(s.source_channels()) +
         "ch";
}

int RunSongs(Context& ctx) {
  auto reply = Call(ctx, &pb::Control::Stub::ListSongs, {});
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    Json songs = Json::array();
    for (const auto& s : reply->songs()) songs.push_back(ProtoToJson(s));
    PrintJson(ctx.io().out, {{"songs", songs}});
  } else {
    PrintSongsTable(ctx.io().out, *reply);
  }
  return 0;
}

int RunSong(Context& ctx, const std::string& id) {
  pb::GetSongRequest req;
  req.set_id(id);
  auto reply = Call(ctx, &pb::Control::Stub::GetSong, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    pb::GetSongReply brief = *reply;  // the per-frame loudness stays out of the JSON
    brief.mutable_analysis()->clear_loudness_db();
    if (!reply->has_analysis()) brief.clear_analysis();
    PrintJson(ctx.io().out, ProtoToJson(brief));
  } else {
    PrintSong(ctx.io().out, *reply);
  }
  return 0;
}

}  // namespace

void PrintSongsTable(std::ostream& out, const pb::ListSongsReply& reply) {
  if (reply.songs_size() == 0) {
    out << "no songs in the catalog; add one with `lsctl submit FILE`\n";
    return;
  }
  Table t({"ID", "NAME", "DURATION", "FRAMES", "FORMAT", "SOURCE", "ADDED"});
  t.AlignRight(2);
  t.AlignRight(3);
  for (const auto& s : reply.songs()) {
    t.AddRow({ShortId(s.id()), s.name(), FormatDuration(s.duration_s()),
              std::to_string(s.frame_count()), s.format(), SourceFormat(s),
              FormatLocalTime(s.created_unix_ms())});
  }
  t.Print(out);
}

void PrintSong(std::ostream& out, const pb::GetSongReply& reply) {
  const auto& s = reply.song();
  Table t({"FIELD", "VALUE"});
  t.AddRow({"id", s.id()});
  t.AddRow({"name", s.name()});
  t.AddRow({"format", s.format() + ", " + FormatBytes(s.size_bytes())});
  t.AddRow({"source", SourceFormat(s)});
  t.AddRow({"duration", FormatDuration(s.duration_s())});
  t.AddRow({"frames", std::to_string(s.frame_count()) + " (hop " + std::to_string(s.hop()) + ")"});
  t.AddRow({"added", FormatLocalTime(s.created_unix_ms())});
  if (reply.has_show()) {
    const auto& sh = reply.show();
    t.AddRow({"show", sh.id()});
    t.AddRow({"renderer", sh.renderer()});
    t.AddRow({"channels", std::to_string(sh.channels())});
    t.AddRow({"frame period", FormatSeconds(static_cast<double>(sh.frame_period_ns()) * 1e-9)});
    t.AddRow({"rendered", FormatLocalTime(sh.created_unix_ms())});
  } else {
    t.AddRow({"show", "none yet"});
  }
  AddAnalysisRows(t, reply.has_analysis() ? &reply.analysis() : nullptr);
  // Key/value lines read better without the header row.
  std::ostringstream buf;
  t.Print(buf);
  const std::string text = buf.str();
  out << text.substr(text.find('\n') + 1);
}

void AddSongsCommands(CLI::App& app, Context& ctx) {
  auto* songs = app.add_subcommand("songs", "List the songs in the catalog");
  songs->callback([&ctx] { ctx.action = [&ctx] { return RunSongs(ctx); }; });

  auto id = std::make_shared<std::string>();
  auto* song = app.add_subcommand("song", "Show one song and its rendered show");
  song->add_option("ID", *id, "song id or a unique prefix (at least 6 hex digits)")->required();
  song->callback([&ctx, id] { ctx.action = [&ctx, id] { return RunSong(ctx, *id); }; });
}

}  // namespace ls::cli
