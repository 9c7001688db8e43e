#include "tools/corpus.h"

#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "audio/decode.h"

namespace ls::classify::eval {
namespace {
absl::StatusOr<std::vector<std::vector<std::string>>> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrFormat("cannot open %s", path));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(absl::StrSplit(line, ','));
  }
  return rows;
}
}  // namespace

absl::StatusOr<std::vector<Track>> LoadCorpus(const std::string& dir) {
  auto manifest = ReadCsv(dir + "/manifest.csv");
  if (!manifest.ok()) return manifest.status();
  auto endings = ReadCsv(dir + "/endings.csv");
  if (!endings.ok()) return endings.status();
  std::map<std::string, std::pair<double, double>> ends;
  for (const auto& r : *endings) {
    if (r.size() >= 4) ends[r[0]] = {std::stod(r[2]), std::stod(r[3])};
  }
  std::vector<Track> tracks;
  for (const auto& r : *manifest) {
    if (r.size() < 2) continue;
    Track t;
    t.path = r[0];
    t.label = r[1];
    if (auto it = ends.find(t.path); it != ends.end()) {
      t.tail15_rel_db = it->second.first;
      t.last3_rel_db = it->second.second;
    }
    std::ifstream in(dir + "/" + t.path, std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrFormat("cannot open %s/%s", dir, t.path));
    std::stringstream bytes;
    bytes << in.rdbuf();
    auto audio = audio::DecodeMemory(bytes.str());
    if (!audio.ok()) return audio.status();
    t.samples = std::move(audio->samples);
    tracks.push_back(std::move(t));
  }
  return tracks;
}

}  // namespace ls::classify::eval
