#include "learn/classify_request.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "classify/clip_classifier.h"
#include "classify/clip_inputs.h"
#include "common/status_macros.h"

namespace ls::learn {
namespace {

namespace v1 = lightshow::v1;

// A playable song, its lookup error prefixed with `where`.
absl::StatusOr<catalog::SongRecord> Song(catalog::Catalog& catalog, const std::string& want,
                                         const std::string& where) {
  auto song = catalog.ResolveSong(want);
  if (!song.ok()) {
    return absl::Status(song.status().code(), absl::StrCat(where, ": ", song.status().message()));
  }
  if (song->status != catalog::kSongOk) {
    return absl::FailedPreconditionError(
        absl::StrCat(where, ": song ", song->id, " has no data (", song->status, ")"));
  }
  return *song;
}

absl::Status ResolveEnd(v1::StartClassifyTrainingRequest& req, catalog::Catalog& catalog) {
  if (req.arch().empty()) req.set_arch("context");
  if (req.arch() == "logreg") req.set_arch("reference");  // the notebook's logistic regression
  if (req.arch() != "context" && req.arch() != "reference") {
    return absl::InvalidArgumentError(
        absl::StrCat("arch: end detectors are context or reference (logreg), got '", req.arch(), "'"));
  }
  std::map<std::string, catalog::SongRecord> songs;
  std::vector<std::string> order;
  const bool all = req.song_ids().empty() || (req.song_ids_size() == 1 && req.song_ids(0) == "all");
  if (all) {
    LS_ASSIGN_OR_RETURN(auto list, catalog.ListSongs());
    for (auto it = list.rbegin(); it != list.rend(); ++it) {  // oldest first
      if (it->status == catalog::kSongOk && songs.emplace(it->id, *it).second) order.push_back(it->id);
    }
  } else {
    for (const auto& want : req.song_ids()) {
      LS_ASSIGN_OR_RETURN(auto s, Song(catalog, want, "songs"));
      if (songs.emplace(s.id, s).second) order.push_back(s.id);
    }
  }
  // Local label files (validate_only) will be songs once uploaded.
  const bool local = std::any_of(req.labels().begin(), req.labels().end(),
                                 [](const v1::EndLabel& l) { return !l.local_file().empty(); });
  if (songs.empty() && !(all && local)) return absl::InvalidArgumentError("songs: no playable songs to train on");
  std::set<std::string> marked;
  for (auto& l : *req.mutable_labels()) {
    const std::string where = absl::StrCat("labels row ", l.row());
    if (!l.local_file().empty()) {
      // A file lsctl uploads once the request passes: checked on its own length.
      if (!all) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": ", l.local_file(), " is not among the training songs (--songs)"));
      }
      if (!marked.insert("file:" + l.local_file()).second) {
        return absl::InvalidArgumentError(absl::StrCat(where, ": ", l.local_file(), " is marked twice"));
      }
      const double d = l.local_duration_s();
      if (!l.no_end() && (!std::isfinite(l.end_s()) || l.end_s() < 0 || (d > 0 && l.end_s() >= d))) {
        return absl::InvalidArgumentError(absl::StrFormat("%s: end_s %g is outside %s (0 to %.2f s)", where,
                                                          l.end_s(), l.local_file(), d));
      }
      continue;
    }
    LS_ASSIGN_OR_RETURN(auto s, Song(catalog, l.song_id(), where));
    if (!songs.count(s.id)) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": song ", s.id.substr(0, 12), " is not among the training songs"));
    }
    if (!marked.insert(s.id).second) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": song ", s.id.substr(0, 12), " is marked twice"));
    }
    if (!l.no_end() && (!std::isfinite(l.end_s()) || l.end_s() < 0 || l.end_s() >= s.duration_s)) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: end_s %g is outside song %s (0 to %.2f s)", where, l.end_s(), s.id.substr(0, 12),
          s.duration_s));
    }
    l.set_song_id(s.id);
  }
  req.clear_song_ids();
  for (const auto& id : order) req.add_song_ids(id);
  return absl::OkStatus();
}

absl::Status ResolveClassifier(v1::StartClassifyTrainingRequest& req, catalog::Catalog& catalog) {
  if (req.arch().empty()) req.set_arch("mlp");  // the best on held-out corpus tracks
  classify::ClipArch arch;
  if (!classify::ParseClipArch(req.arch(), &arch)) {
    return absl::InvalidArgumentError(
        absl::StrCat("arch: clip classifiers are cnn1d, gru, mlp or logreg, got '", req.arch(), "'"));
  }
  const classify::ClipConfig defaults = classify::DefaultClipConfig(arch);
  if (req.clip_s() == 0) req.set_clip_s(defaults.clip_s);
  if (!std::isfinite(req.clip_s()) || req.clip_s() < 0.5 || req.clip_s() > 600) {
    return absl::InvalidArgumentError(absl::StrFormat("clip_s: must be 0.5 to 600 s, got %g", req.clip_s()));
  }
  if (!req.has_epochs() && req.epochs() == 0) req.set_epochs(defaults.epochs);
  if (req.epochs() < 1 || req.epochs() > 10000) {
    return absl::InvalidArgumentError(absl::StrCat("epochs: must be 1 to 10000, got ", req.epochs()));
  }
  classify::ClipConfig cfg = defaults;
  cfg.clip_s = req.clip_s();
  if (auto st = classify::CheckClipConfig(cfg, 2); !st.ok()) {
    return absl::InvalidArgumentError(absl::StrFormat("clip_s: %g s does not fit arch %s: %s", req.clip_s(),
                                                      req.arch(), st.message()));
  }
  if (req.manifest().empty()) return absl::InvalidArgumentError("manifest: no rows (need songs of at least 2 labels)");
  std::map<std::string, std::string> label_of;
  std::set<std::string> labels;
  for (auto& r : *req.mutable_manifest()) {
    const std::string where = absl::StrCat("manifest row ", r.row());
    if (r.label().empty()) return absl::InvalidArgumentError(absl::StrCat(where, ": label is empty"));
    if (!r.local_file().empty()) {
      // A file lsctl uploads once the request passes: checked on its own length.
      auto [it, fresh] = label_of.emplace("file:" + r.local_file(), r.label());
      if (!fresh && it->second != r.label()) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": ", r.local_file(), " is already labelled '", it->second, "'"));
      }
      if (r.local_duration_s() > 0 && r.local_duration_s() < req.clip_s()) {
        return absl::InvalidArgumentError(absl::StrFormat("%s: %s (%.2f s) is shorter than one clip (clip_s %.2f s)",
                                                          where, r.local_file(), r.local_duration_s(), req.clip_s()));
      }
      labels.insert(r.label());
      continue;
    }
    LS_ASSIGN_OR_RETURN(auto s, Song(catalog, r.song_id(), where));
    auto [it, fresh] = label_of.emplace(s.id, r.label());
    if (!fresh && it->second != r.label()) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": song ", s.id.substr(0, 12),
                                                     " is already labelled '", it->second, "'"));
    }
    if (s.duration_s < req.clip_s()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: song %s (%.2f s) is shorter than one clip (clip_s %.2f s)", where, s.id.substr(0, 12),
          s.duration_s, req.clip_s()));
    }
    r.set_song_id(s.id);
    labels.insert(r.label());
  }
  if (labels.size() < 2) {
    return absl::InvalidArgumentError(absl::StrCat("manifest: every row has the label '", *labels.begin(),
                                                   "'; a classifier needs at least 2 labels"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::StartClassifyTrainingRequest> ResolveClassifyRequest(
    v1::StartClassifyTrainingRequest req, catalog::Catalog& catalog) {
  if (!req.validate_only()) {
    for (const auto& r : req.manifest()) {
      if (!r.local_file().empty()) {
        return absl::InvalidArgumentError(absl::StrCat("manifest row ", r.row(), ": local_file is only for validate_only"));
      }
    }
    for (const auto& l : req.labels()) {
      if (!l.local_file().empty()) {
        return absl::InvalidArgumentError(absl::StrCat("labels row ", l.row(), ": local_file is only for validate_only"));
      }
    }
  }
  if (req.task() == kTaskEndDetector) {
    if (!req.manifest().empty()) return absl::InvalidArgumentError("manifest: only for task classifier");
    LS_RETURN_IF_ERROR(ResolveEnd(req, catalog));
  } else if (req.task() == kTaskClassifier) {
    if (!req.labels().empty()) return absl::InvalidArgumentError("labels: only for task end_detector");
    LS_RETURN_IF_ERROR(ResolveClassifier(req, catalog));
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("task: must be end_detector or classifier, got '", req.task(), "'"));
  }
  return req;
}

}  // namespace ls::learn
