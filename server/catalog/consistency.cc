#include "catalog/consistency.h"

#include <unistd.h>

#include <filesystem>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace ls::catalog {
namespace {

// WriteFileAtomic's temp files are "<final name>.tmp.<random>".
bool IsTempName(const std::string& name) { return absl::StrContains(name, ".tmp."); }

}  // namespace

std::vector<std::string> ConsistencyReport::LogLines() const {
  std::vector<std::string> out;
  for (const auto& f : removed_temp) out.push_back(absl::StrCat("removed leftover temp file ", f));
  for (const auto& f : removed_orphans) {
    out.push_back(absl::StrCat("removed orphan blob ", f, " (no catalog row; an upload was cut short)"));
  }
  for (const auto& id : missing_blob) {
    out.push_back(absl::StrCat("song ", id,
                               " is missing its song or show blob: marked missing_blob, not "
                               "playable; upload the file again to repair it"));
  }
  for (const auto& id : restored) out.push_back(absl::StrCat("song ", id, " has its blobs back: playable again"));
  return out;
}

absl::StatusOr<ConsistencyReport> CheckConsistency(const std::string& data_dir, Catalog* catalog,
                                                   const BlobStore& blobs) {
  ConsistencyReport rep;
  LS_ASSIGN_OR_RETURN(auto songs, catalog->ListSongs());
  LS_ASSIGN_OR_RETURN(auto shows, catalog->ListShows());
  std::set<std::string> wanted_songs;
  std::set<std::string> wanted_shows;
  for (const auto& s : songs) wanted_songs.insert(s.id);
  for (const auto& sh : shows) wanted_shows.insert(sh.id);

  // A song's analysis is keyed by the song id; it can always be made again
  // from the song, so a missing one is not an error (start-up redoes it).
  for (const char* kind : {"songs", "shows", "analysis"}) {
    const auto& wanted = std::string(kind) == "shows" ? wanted_shows : wanted_songs;
    LS_ASSIGN_OR_RETURN(auto names, blobs.List(kind));
    for (const auto& name : names) {
      bool temp = IsTempName(name);
      if (!temp && wanted.count(name)) continue;
      LS_RETURN_IF_ERROR(blobs.Remove(kind, name));
      (temp ? rep.removed_temp : rep.removed_orphans).push_back(absl::StrCat(kind, "/", name));
    }
  }
  // Temp files of the token and server.addr at the top of the data dir.
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(data_dir, ec)) {
    std::string name = e.path().filename().string();
    if (!e.is_regular_file(ec) || !IsTempName(name)) continue;
    if (!absl::StartsWith(name, "token.") && !absl::StartsWith(name, "server.addr.")) continue;
    if (::unlink(e.path().c_str()) == 0) rep.removed_temp.push_back(name);
  }

  for (const auto& s : songs) {
    bool present = blobs.Exists("songs", s.id) && !s.show_id.empty() && blobs.Exists("shows", s.show_id);
    if (!present) {
      if (s.status != kSongMissingBlob) LS_RETURN_IF_ERROR(catalog->SetSongStatus(s.id, kSongMissingBlob));
      rep.missing_blob.push_back(s.id);
    } else if (present && s.status == kSongMissingBlob) {
      LS_RETURN_IF_ERROR(catalog->SetSongStatus(s.id, kSongOk));
      rep.restored.push_back(s.id);
    }
  }
  return rep;
}

}  // namespace ls::catalog
