#include "tools/corpus.h"

#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "audio/decode.h"
#include "common/csv.h"

namespace ls::classify::eval {
namespace {
// Rows after the header line.
absl::StatusOr<std::vector<CsvRow>> ReadCsv(const std::string& path) {
  auto rows = ReadCsvFile(path);
  if (rows.ok() && !rows->empty()) rows->erase(rows->begin());
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
    if (r.fields.size() < 4) continue;
    auto tail = CsvNumber(r, 2, dir + "/endings.csv");
    if (!tail.ok()) return tail.status();
    auto last = CsvNumber(r, 3, dir + "/endings.csv");
    if (!last.ok()) return last.status();
    ends[r.fields[0]] = {*tail, *last};
  }
  std::vector<Track> tracks;
  for (const auto& row : *manifest) {
    const auto& r = row.fields;
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
