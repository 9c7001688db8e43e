#include "learn/learn_metrics.h"

#include <map>
#include <set>

namespace ls::learn {
namespace {

constexpr jobs::JobState kStates[] = {jobs::JobState::kQueued, jobs::JobState::kRunning,
                                      jobs::JobState::kSucceeded, jobs::JobState::kFailed,
                                      jobs::JobState::kCancelled};

metrics::TrainingProgress Progress(const jobs::JobRecord& j) {
  metrics::TrainingProgress p;
  p.kind = j.kind;
  p.running = j.state == jobs::JobState::kRunning;
  p.epoch = j.epoch;
  p.epochs = j.epochs;
  if (j.epoch > 0) {  // before the first epoch the stored losses are placeholders
    p.train_loss = j.train_loss;
    p.val_loss = j.val_loss;
  }
  return p;
}

}  // namespace

metrics::LearnSnapshot SummarizeLearn(const std::vector<std::string>& kinds,
                                      const std::vector<jobs::JobRecord>& jobs,
                                      const std::vector<models::ModelRecord>& models) {
  std::set<std::string> all(kinds.begin(), kinds.end());
  std::map<std::pair<std::string, jobs::JobState>, int64_t> counts;
  // Per kind: the newest running job, else the newest that finished an epoch.
  std::map<std::string, const jobs::JobRecord*> running, trained;
  for (const auto& j : jobs) {  // newest first: the first match of each kind wins
    all.insert(j.kind);
    ++counts[{j.kind, j.state}];
    if (j.state == jobs::JobState::kRunning) running.emplace(j.kind, &j);
    if (j.epoch > 0) trained.emplace(j.kind, &j);
  }

  metrics::LearnSnapshot s;
  for (const auto& kind : all) {
    for (jobs::JobState st : kStates) {
      auto it = counts.find({kind, st});
      s.jobs.push_back({kind, jobs::JobStateName(st), it == counts.end() ? 0 : it->second});
    }
    auto r = running.find(kind);
    auto t = trained.find(kind);
    if (r != running.end()) {
      s.training.push_back(Progress(*r->second));
    } else if (t != trained.end()) {
      s.training.push_back(Progress(*t->second));
    }
  }

  std::map<std::string, int64_t> by_status = {{"ok", 0}, {"broken", 0}};
  for (const auto& m : models) {
    ++by_status[m.status];
    // A broken active model renders nothing: the bands play, and say so.
    if (m.active && m.status == "ok" && !s.active) {
      s.active = metrics::ActiveModel{m.id, m.arch, static_cast<double>(m.created_unix_ms) / 1000.0,
                                      m.val_mse, m.pca_val_mse};
    }
  }
  for (const auto& [status, n] : by_status) s.models.push_back({status, n});
  return s;
}

}  // namespace ls::learn
