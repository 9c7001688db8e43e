// lsctl export SONG --fseq FILE | --playlist NAME --dir DIR
//   [--step-ms N] [--compression zstd|zlib|none] [--media NAME]:
// shows as FSEQ v2 files for Falcon Player / xLights.
#include <sys/stat.h>

#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "cli/commands.h"
#include "cli/fseq.h"
#include "cli/json.h"
#include "cli/output.h"
#include "cli/show_fetch.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

struct ExportArgs {
  std::string song;
  std::string fseq;
  std::string playlist;
  std::string dir;
  int step_ms = 25;
  std::string compression = "zstd";
  std::string media;
};

// The media name FPP looks for next to the sequence: the uploaded file's
// name (without any directory).
std::string DefaultMedia(const std::string& song_name) {
  size_t slash = song_name.find_last_of('/');
  return slash == std::string::npos ? song_name : song_name.substr(slash + 1);
}

// FPP pairs a sequence with its media by name: "carol.wav" → "carol.fseq".
std::string SequenceStem(const std::string& media) {
  const size_t dot = media.find_last_of('.');
  std::string stem = dot == std::string::npos || dot == 0 ? media : media.substr(0, dot);
  return stem.empty() ? "song" : stem;
}

struct OneExport {
  std::string song;   // id or prefix
  std::string file;
  std::string media;  // "" = the song's own file name
};

// Fetches one show and writes its FSEQ file; on failure reports through ctx
// and returns its exit code, else 0 with the file's summary in `summary`.
int ExportOne(Context& ctx, Connection& conn, const ExportArgs& a, FseqCompression comp, const OneExport& e,
              Json* summary) {
  pb::ShowExport show;
  grpc::Status st = FetchShow(conn, e.song, false, ctx.options().timeout_s, &show, nullptr);
  if (!st.ok()) return ctx.FailRpc(st);
  const int channels = static_cast<int>(show.show().channels());
  const int bpf = (channels + 7) / 8;
  std::string steps = ResampleMasks(show.masks(), bpf, show.show().frame_period_ns(), a.step_ms);
  FseqOptions o;
  o.step_ms = a.step_ms;
  o.compression = comp;
  o.media = e.media.empty() ? DefaultMedia(show.song().name()) : e.media;
  o.producer = "Lightshow (lsctl export)";
  auto bytes = WriteFseq(steps, channels, o);
  if (!bytes.ok()) return ctx.Fail(bytes.status());
  if (auto w = WriteOutputFile(e.file, *bytes); !w.ok()) return ctx.Fail(w);
  const size_t frames = steps.size() / static_cast<size_t>(bpf);
  *summary = Json{{"file", e.file},         {"song_id", show.song().id()}, {"show_id", show.show().id()},
                  {"channels", channels},   {"frames", frames},            {"step_ms", a.step_ms},
                  {"compression", a.compression}, {"media", o.media},      {"bytes", bytes->size()}};
  if (!ctx.options().json) {
    ctx.io().out << "wrote " << e.file << ": " << frames << " frames x " << channels << " channels, " << a.step_ms
                 << " ms, " << a.compression << ", media " << o.media << " (" << bytes->size() << " bytes)\n";
  }
  return 0;
}

int RunSong(Context& ctx, const ExportArgs& a, FseqCompression comp) {
  if (a.fseq.empty()) return ctx.Fail("INVALID_ARGUMENT", "give the output file with --fseq FILE");
  if (std::string why = CheckOutputPath(a.fseq); !why.empty()) return ctx.Fail("INVALID_ARGUMENT", why);
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  Json summary;
  if (int rc = ExportOne(ctx, **conn, a, comp, {a.song, a.fseq, a.media}, &summary); rc != 0) return rc;
  if (ctx.options().json) PrintJson(ctx.io().out, summary);
  return 0;
}

// Every song of the playlist (intro, songs, outro; each once) into DIR, one
// .fseq per song named after its media file. Songs gone from the catalog are
// reported and skipped, as playing the playlist skips them.
int RunPlaylist(Context& ctx, const ExportArgs& a, FseqCompression comp) {
  struct stat st {};
  if (a.dir.empty()) return ctx.Fail("INVALID_ARGUMENT", "give the output directory with --dir DIR");
  if (stat(a.dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return ctx.Fail("INVALID_ARGUMENT", absl::StrCat("output directory '", a.dir, "' does not exist"));
  }
  if (!a.media.empty()) {
    return ctx.Fail("INVALID_ARGUMENT", "--media names one song's file; with --playlist each song keeps its own");
  }
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  pb::GetPlaylistRequest req;
  req.set_name(a.playlist);
  auto got = Call(ctx, **conn, &pb::Control::Stub::GetPlaylist, req);
  if (!got.ok()) return ctx.Fail(got.status());
  const pb::Playlist& playlist = *got;

  std::vector<pb::PlaylistEntry> entries;
  if (!playlist.intro().song_id().empty()) entries.push_back(playlist.intro());
  entries.insert(entries.end(), playlist.songs().begin(), playlist.songs().end());
  if (!playlist.outro().song_id().empty()) entries.push_back(playlist.outro());
  if (entries.empty()) {
    return ctx.Fail("FAILED_PRECONDITION", absl::StrCat("playlist '", a.playlist, "' has no songs"));
  }
  std::set<std::string> done_songs, used_stems;
  Json files = Json::array(), skipped = Json::array();
  for (const auto& e : entries) {
    if (!done_songs.insert(e.song_id()).second) continue;
    if (e.missing()) {
      skipped.push_back({{"position", e.position()}, {"song_id", e.song_id()}});
      if (!ctx.options().json) {
        ctx.io().out << "skipped " << ShortId(e.song_id()) << " (position " << e.position()
                     << "): no longer in the catalog\n";
      }
      continue;
    }
    const std::string stem = SequenceStem(DefaultMedia(e.song_name()));
    // Two songs uploaded under one file name get distinct sequence files.
    std::string unique = stem;
    for (int n = 2; !used_stems.insert(unique).second; ++n) unique = absl::StrCat(stem, "-", n);
    Json summary;
    const std::string file = absl::StrCat(a.dir, "/", unique, ".fseq");
    if (int rc = ExportOne(ctx, **conn, a, comp, {e.song_id(), file, ""}, &summary); rc != 0) return rc;
    files.push_back(summary);
  }
  if (ctx.options().json) {
    PrintJson(ctx.io().out, Json{{"playlist", a.playlist}, {"dir", a.dir}, {"files", files}, {"skipped", skipped}});
  } else {
    ctx.io().out << "playlist " << a.playlist << ": " << files.size() << (files.size() == 1 ? " file" : " files")
                 << " in " << a.dir;
    if (!skipped.empty()) ctx.io().out << ", " << skipped.size() << " missing song(s) skipped";
    ctx.io().out << "\n";
  }
  return 0;
}

int RunExport(Context& ctx, const ExportArgs& a) {
  // Every local check before the server is asked anything.
  const bool by_song = !a.song.empty(), by_playlist = !a.playlist.empty();
  if (by_song == by_playlist) {
    return ctx.Fail("INVALID_ARGUMENT", "give either SONG --fseq FILE or --playlist NAME --dir DIR");
  }
  if (by_song && !a.dir.empty()) return ctx.Fail("INVALID_ARGUMENT", "--dir goes with --playlist; one song takes --fseq");
  if (by_playlist && !a.fseq.empty()) {
    return ctx.Fail("INVALID_ARGUMENT", "--fseq names one song's file; a playlist takes --dir DIR");
  }
  if (auto st = CheckStepMs(a.step_ms); !st.ok()) return ctx.Fail(st);
  auto comp = ParseFseqCompression(a.compression);
  if (!comp.ok()) return ctx.Fail(comp.status());
  return by_song ? RunSong(ctx, a, *comp) : RunPlaylist(ctx, a, *comp);
}

}  // namespace

void AddExportCommand(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ExportArgs>();
  auto* cmd = app.add_subcommand(
      "export", "Write shows as FSEQ v2 files (Falcon Player, xLights): one song, or every song of a playlist");
  cmd->add_option("SONG", a->song, "song id or a unique prefix");
  cmd->add_option("--fseq", a->fseq, "output .fseq file (one song)");
  cmd->add_option("--playlist", a->playlist, "export every song of this playlist");
  cmd->add_option("--dir", a->dir, "output directory for --playlist: NAME.fseq per song, NAME from its media file");
  cmd->add_option("--step-ms", a->step_ms, "frame step of the file in ms, 10..255 (FPP: 20, 25 or 50)")
      ->capture_default_str();
  cmd->add_option("--compression", a->compression, "zstd, zlib or none")->capture_default_str();
  cmd->add_option("--media", a->media, "media file name stored in the file (default: the song's file name)");
  cmd->callback([&ctx, a] { ctx.action = [&ctx, a] { return RunExport(ctx, *a); }; });
}

}  // namespace ls::cli
