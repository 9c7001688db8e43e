#include "cli/show_fetch.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace ls::cli {

namespace pb = lightshow::v1;

grpc::Status FetchShow(Connection& conn, const std::string& song_id, bool with_audio, double timeout_s,
                       pb::ShowExport* out, std::string* audio) {
  // Encoding a long song's audio takes a few seconds on the server.
  auto call = conn.NewContext(SecondsToMs(std::max(with_audio ? 120.0 : 30.0, timeout_s)));
  pb::ExportShowRequest req;
  req.set_song_id(song_id);
  req.set_with_audio(with_audio);
  auto reader = conn.stub().ExportShow(call.get(), req);
  pb::ExportShowChunk chunk;
  bool have_show = false;
  while (reader->Read(&chunk)) {
    if (chunk.has_show()) {
      *out = std::move(*chunk.mutable_show());
      have_show = true;
    } else if (audio != nullptr) {
      *audio += chunk.audio();
    }
  }
  grpc::Status st = reader->Finish();
  if (!st.ok()) return st;
  if (!have_show) return grpc::Status(grpc::StatusCode::DATA_LOSS, "the server sent no show");
  if (with_audio && audio != nullptr && audio->size() != out->audio_bytes()) {
    return grpc::Status(grpc::StatusCode::DATA_LOSS, absl::StrCat("received ", audio->size(), " bytes of audio, expected ",
                                                                  out->audio_bytes()));
  }
  return grpc::Status::OK;
}

std::string CheckOutputPath(const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty()) return "output path is empty";
  std::error_code ec;
  fs::path p(path);
  fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (!fs::exists(dir, ec)) return absl::StrCat("directory '", dir.string(), "' of ", path, " does not exist");
  if (!fs::is_directory(dir, ec)) return absl::StrCat("'", dir.string(), "' (in ", path, ") is not a directory");
  if (fs::is_directory(p, ec)) return absl::StrCat(path, " is a directory; give a file name");
  return "";
}

absl::Status WriteOutputFile(const std::string& path, const std::string& bytes) {
  if (std::string why = CheckOutputPath(path); !why.empty()) return absl::InvalidArgumentError(why);
  std::string tmp = absl::StrCat(path, ".tmp.", ::getpid());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    f.close();
    if (!f) {
      std::remove(tmp.c_str());
      return absl::UnavailableError(absl::StrCat("cannot write ", path));
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return absl::UnavailableError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

}  // namespace ls::cli
