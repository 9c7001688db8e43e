// lsctl playlist create|add|remove|move|set|show|list|rm: playlists on the server.

#include <cmath>
#include <memory>

#include "absl/strings/str_cat.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

struct PlaylistArgs {
  std::string name;
  std::vector<std::string> songs;
  uint32_t position = 0, to = 0;
  bool shuffle = false, repeat = false;
  std::string shuffle_set, repeat_set;  // "set": on|off
  double gap_s = -1;                    // < 0 = not given
  std::string intro, outro;
  bool intro_given = false, outro_given = false;
};

std::string EntryText(const pb::PlaylistEntry& e) {
  if (e.song_id().empty()) return "-";
  if (e.missing()) return absl::StrCat(ShortId(e.song_id()), "  (missing: no longer in the catalog, skipped)");
  return absl::StrCat(ShortId(e.song_id()), "  ", e.song_name());
}

void PrintPlaylist(std::ostream& out, const pb::Playlist& p) {
  int missing = 0;
  for (const auto& e : p.songs()) missing += e.missing() ? 1 : 0;
  out << "playlist " << p.name() << ": " << p.songs_size() << (p.songs_size() == 1 ? " song" : " songs")
      << ", gap " << FormatSeconds(static_cast<double>(p.gap_ms()) / 1000.0) << (p.shuffle() ? ", shuffle" : "")
      << (p.repeat() ? ", repeat" : "") << "\n";
  if (!p.intro().song_id().empty()) out << "intro  " << EntryText(p.intro()) << "\n";
  Table t({"#", "SONG", "NAME"});
  t.AlignRight(0);
  for (const auto& e : p.songs()) {
    t.AddRow({std::to_string(e.position()), ShortId(e.song_id()),
              e.missing() ? "(missing: no longer in the catalog, skipped when played)" : e.song_name()});
  }
  t.Print(out);
  if (!p.outro().song_id().empty()) out << "outro  " << EntryText(p.outro()) << "\n";
  if (missing > 0) out << "gaps: " << missing << " song" << (missing == 1 ? " is" : "s are") << " missing\n";
}

// Options shared by create and set.
pb::PlaylistOptions Options(const PlaylistArgs& a, bool create) {
  pb::PlaylistOptions o;
  if (create) {
    if (a.shuffle) o.set_shuffle(true);
    if (a.repeat) o.set_repeat(true);
  } else {
    if (!a.shuffle_set.empty()) o.set_shuffle(a.shuffle_set == "on");
    if (!a.repeat_set.empty()) o.set_repeat(a.repeat_set == "on");
  }
  if (a.gap_s >= 0) o.set_gap_ms(static_cast<int64_t>(std::llround(a.gap_s * 1000)));
  if (a.intro_given) o.set_intro(a.intro == "none" ? "" : a.intro);
  if (a.outro_given) o.set_outro(a.outro == "none" ? "" : a.outro);
  return o;
}

// Runs one unary call returning a Playlist and prints it.
template <typename Req>
int CallPlaylist(Context& ctx, const Req& req, UnaryMethod<Req, pb::Playlist> method) {
  auto reply = Call(ctx, method, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(*reply));
  } else {
    PrintPlaylist(ctx.io().out, *reply);
  }
  return 0;
}

int RunEdit(Context& ctx, const PlaylistArgs& a, pb::EditPlaylistRequest::Op op) {
  pb::EditPlaylistRequest req;
  req.set_name(a.name);
  req.set_op(op);
  for (const auto& s : a.songs) req.add_songs(s);
  req.set_position(a.position);
  req.set_to_position(a.to);
  *req.mutable_options() = Options(a, false);
  return CallPlaylist(ctx, req, &pb::Control::Stub::EditPlaylist);
}

int RunList(Context& ctx) {
  auto reply = Call(ctx, &pb::Control::Stub::ListPlaylists, {});
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, ProtoToJson(*reply));
    return 0;
  }
  Table t({"NAME", "SONGS", "MISSING", "GAP", "OPTIONS"});
  t.AlignRight(1);
  t.AlignRight(2);
  for (const auto& p : reply->playlists()) {
    int missing = 0;
    for (const auto& e : p.songs()) missing += e.missing() ? 1 : 0;
    std::string opts = absl::StrCat(p.shuffle() ? "shuffle " : "", p.repeat() ? "repeat " : "",
                                    p.intro().song_id().empty() ? "" : "intro ",
                                    p.outro().song_id().empty() ? "" : "outro");
    t.AddRow({p.name(), std::to_string(p.songs_size()), std::to_string(missing),
              FormatSeconds(static_cast<double>(p.gap_ms()) / 1000.0), opts.empty() ? "-" : opts});
  }
  if (t.rows() == 0) {
    ctx.io().out << "no playlists yet: lsctl playlist create NAME SONG…\n";
  } else {
    t.Print(ctx.io().out);
  }
  return 0;
}

int RunRm(Context& ctx, const std::string& name) {
  pb::DeletePlaylistRequest req;
  req.set_name(name);
  auto reply = Call(ctx, &pb::Control::Stub::DeletePlaylist, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"deleted", name}});
  } else {
    ctx.io().out << "playlist " << name << " deleted\n";
  }
  return 0;
}

void AddOptionFlags(CLI::App* cmd, PlaylistArgs& a) {
  cmd->add_option("--gap", a.gap_s, "seconds of darkness between two songs (default 2)")
      ->check(CLI::Range(0.0, 600.0));
  cmd->add_option_function<std::string>("--intro", [&a](const std::string& s) { a.intro = s; a.intro_given = true; },
                                        "song played first (\"none\" = no intro)");
  cmd->add_option_function<std::string>("--outro", [&a](const std::string& s) { a.outro = s; a.outro_given = true; },
                                        "song played last (\"none\" = no outro)");
}

}  // namespace

void AddPlaylistCommands(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<PlaylistArgs>();
  auto* pl = app.add_subcommand("playlist", "Playlists: songs played one after another");
  pl->require_subcommand(1);

  auto* create = pl->add_subcommand("create", "Create a playlist from songs (ids or prefixes, in order)");
  create->add_option("NAME", a->name, "playlist name (A-Z a-z 0-9 . _ -)")->required();
  create->add_option("SONG", a->songs, "songs in play order")->required();
  create->add_flag("--shuffle", a->shuffle, "play the songs in a new random order each time round");
  create->add_flag("--repeat", a->repeat, "start again after the last song (a schedule's window ends it)");
  AddOptionFlags(create, *a);
  create->callback([&ctx, a] {
    ctx.action = [&ctx, a] {
      pb::CreatePlaylistRequest req;
      req.set_name(a->name);
      for (const auto& s : a->songs) req.add_songs(s);
      *req.mutable_options() = Options(*a, true);
      return CallPlaylist(ctx, req, &pb::Control::Stub::CreatePlaylist);
    };
  });

  auto* add = pl->add_subcommand("add", "Add songs (at the end, or before position --at)");
  add->add_option("NAME", a->name)->required();
  add->add_option("SONG", a->songs)->required();
  add->add_option("--at", a->position, "insert before this position (1 = first)");
  add->callback([&ctx, a] { ctx.action = [&ctx, a] { return RunEdit(ctx, *a, pb::EditPlaylistRequest::ADD); }; });

  auto* remove = pl->add_subcommand("remove", "Remove the song at a position (see `playlist show`)");
  remove->add_option("NAME", a->name)->required();
  remove->add_option("POSITION", a->position)->required();
  remove->callback([&ctx, a] { ctx.action = [&ctx, a] { return RunEdit(ctx, *a, pb::EditPlaylistRequest::REMOVE); }; });

  auto* move = pl->add_subcommand("move", "Move the song at POSITION to position TO");
  move->add_option("NAME", a->name)->required();
  move->add_option("POSITION", a->position)->required();
  move->add_option("TO", a->to)->required();
  move->callback([&ctx, a] { ctx.action = [&ctx, a] { return RunEdit(ctx, *a, pb::EditPlaylistRequest::MOVE); }; });

  auto* set = pl->add_subcommand("set", "Change a playlist's options");
  set->add_option("NAME", a->name)->required();
  set->add_option("--shuffle", a->shuffle_set, "on or off")->check(CLI::IsMember({"on", "off"}));
  set->add_option("--repeat", a->repeat_set, "on or off")->check(CLI::IsMember({"on", "off"}));
  AddOptionFlags(set, *a);
  set->callback([&ctx, a] { ctx.action = [&ctx, a] { return RunEdit(ctx, *a, pb::EditPlaylistRequest::SET_OPTIONS); }; });

  auto* show = pl->add_subcommand("show", "A playlist's songs and options (missing songs marked)");
  show->add_option("NAME", a->name)->required();
  show->callback([&ctx, a] {
    ctx.action = [&ctx, a] {
      pb::GetPlaylistRequest req;
      req.set_name(a->name);
      return CallPlaylist(ctx, req, &pb::Control::Stub::GetPlaylist);
    };
  });

  auto* list = pl->add_subcommand("list", "Every playlist");
  list->callback([&ctx] { ctx.action = [&ctx] { return RunList(ctx); }; });

  auto* rm = pl->add_subcommand("rm", "Delete a playlist (not while a schedule uses it)");
  rm->add_option("NAME", a->name)->required();
  rm->callback([&ctx, a] { ctx.action = [&ctx, a] { return RunRm(ctx, a->name); }; });
}

}  // namespace ls::cli
