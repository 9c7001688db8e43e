// Scheduler: which window is open now, and which comes next.
#include "absl/strings/str_cat.h"
#include "season/scheduler.h"

namespace ls::season {
namespace {
constexpr size_t kMaxCached = 4096;
}  // namespace

std::optional<Window> Scheduler::ActiveLocked(absl::Time now, std::vector<std::string>* notes) {
  const absl::CivilDay today = absl::ToCivilDay(now, opts_.tz);
  if (cache_.size() > kMaxCached) cache_.clear();
  std::optional<Window> found;
  for (const auto& r : rules_) {
    for (absl::CivilDay d : {today - 1, today}) {  // yesterday's window may run past midnight
      auto it = cache_.find({r.id, d});
      if (it == cache_.end()) it = cache_.emplace(std::make_pair(r.id, d), WindowOn(r, d, opts_.tz, opts_.where)).first;
      const auto& w = it->second;
      if (!w.ok()) {
        if (d == today) notes->push_back(absl::StrCat("schedule ", r.id, ": ", w.status().message()));
        continue;
      }
      if (!w->has_value()) continue;
      const Window& win = **w;
      if (!win.skipped.empty()) {
        if (d == today) {
          notes->push_back(absl::StrCat("schedule ", r.id, ": tonight's window is skipped: ", win.skipped));
          if (skipped_seen_.size() > 1000) skipped_seen_.clear();
          if (skipped_seen_.insert(win.Key()).second && window_hook_) window_hook_("skipped");
        }
        continue;
      }
      if (!found && win.start <= now && now < win.end) found = win;
    }
  }
  return found;
}

std::optional<Window> Scheduler::NextLocked(absl::Time now, const ScheduleRule& r, std::string* note) {
  const absl::CivilDay today = absl::ToCivilDay(now, opts_.tz);
  for (int i = -1; i <= 367; ++i) {
    const absl::CivilDay d = today + i;
    auto it = cache_.find({r.id, d});
    if (it == cache_.end()) it = cache_.emplace(std::make_pair(r.id, d), WindowOn(r, d, opts_.tz, opts_.where)).first;
    const auto& w = it->second;
    if (!w.ok()) {
      if (note->empty()) *note = std::string(w.status().message());
      continue;
    }
    if (!w->has_value()) continue;
    if (!(*w)->skipped.empty()) {
      if (note->empty() && i >= 0 && i <= 1) {
        *note = absl::StrCat("window of ", absl::FormatCivilTime(d), " skipped: ", (*w)->skipped);
      }
      continue;
    }
    if ((*w)->end > now) return **w;
  }
  return std::nullopt;
}

std::optional<std::pair<Window, const ScheduleRule*>> Scheduler::NextAnyLocked(absl::Time now) {
  std::optional<std::pair<Window, const ScheduleRule*>> best;
  for (const auto& r : rules_) {
    std::string note;
    auto w = NextLocked(now, r, &note);
    // The next start: a window still to open (not the one open now).
    while (w && w->start <= now) w = NextLocked(w->end, r, &note);
    if (w && (!best || w->start < best->first.start)) best = std::make_pair(*w, &r);
  }
  return best;
}

}  // namespace ls::season
