#include "season/scheduler.h"

#include <algorithm>
#include <functional>
#include <iostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/clock.h"
#include "common/status_macros.h"

namespace ls::season {
namespace {

constexpr const char* kResumeKey = "resume";
constexpr int64_t kReportEveryNs = 1'000'000'000;

}  // namespace

absl::StatusOr<ScheduleRule> Scheduler::ParseRule(const ScheduleRecord& rec) {
  ScheduleRule r;
  r.id = rec.id;
  r.playlist = rec.playlist;
  LS_ASSIGN_OR_RETURN(r.days, ParseDays(rec.days));
  LS_ASSIGN_OR_RETURN(r.from, ParseTimeSpec("--from", rec.from));
  LS_ASSIGN_OR_RETURN(r.until, ParseTimeSpec("--until", rec.until));
  LS_ASSIGN_OR_RETURN(r.dates, ParseDates(rec.dates));
  LS_ASSIGN_OR_RETURN(r.stop, ParseStopMode(rec.stop));
  return r;
}

Scheduler::Scheduler(SeasonStore* store, ShowControl* ctl, SchedulerOptions opts)
    : store_(store), ctl_(ctl), opts_(std::move(opts)) {}

Scheduler::~Scheduler() { Shutdown(); }

absl::Status Scheduler::Start() {
  LS_ASSIGN_OR_RETURN(auto recs, store_->ListSchedules());
  std::vector<ScheduleRule> rules;
  for (const auto& rec : recs) {
    auto r = ParseRule(rec);
    if (!r.ok()) {
      std::cerr << "lightshow-server: schedule " << rec.id << " ignored: " << r.status().message() << std::endl;
      continue;
    }
    rules.push_back(*r);
  }
  std::lock_guard<std::mutex> lock(mu_);
  rules_ = std::move(rules);
  thread_ = std::thread([this] { Run(); });
  return absl::OkStatus();
}

void Scheduler::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
    cv_.notify_all();
  }
  if (thread_.joinable()) thread_.join();
}

void Scheduler::SetHooks(SnapshotHook snapshot, WindowHook window) {
  std::lock_guard<std::mutex> lock(mu_);
  snapshot_hook_ = std::move(snapshot);
  window_hook_ = std::move(window);
}

absl::StatusOr<RuleView> Scheduler::AddRule(const ScheduleRecord& in) {
  LS_ASSIGN_OR_RETURN(ScheduleRule rule, ParseRule(in));
  LS_ASSIGN_OR_RETURN(PlaylistRecord p, store_->GetPlaylist(in.playlist));
  if (p.song_ids.empty() && p.intro.empty() && p.outro.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("playlist '", p.name, "' is empty: add songs first (lsctl playlist add ", p.name, " SONG…)"));
  }
  const absl::Time now = opts_.now();
  LS_RETURN_IF_ERROR(CheckRule(rule, absl::ToCivilDay(now, opts_.tz), opts_.tz, opts_.where));
  ScheduleRecord rec = in;  // stored in canonical form
  rec.days = FormatDays(rule.days);
  rec.from = FormatTimeSpec(rule.from);
  rec.until = FormatTimeSpec(rule.until);
  rec.dates = FormatDates(rule.dates);
  rec.stop = StopModeName(rule.stop);
  LS_ASSIGN_OR_RETURN(rec.id, store_->AddSchedule(rec));
  rule.id = rec.id;
  std::lock_guard<std::mutex> lock(mu_);
  rules_.push_back(rule);
  RuleView v{rec, std::nullopt, ""};
  v.next = NextLocked(now, rule, &v.note);
  cv_.notify_all();
  return v;
}

absl::Status Scheduler::DeleteRule(int64_t id) {
  LS_RETURN_IF_ERROR(store_->DeleteSchedule(id));
  std::lock_guard<std::mutex> lock(mu_);
  rules_.erase(std::remove_if(rules_.begin(), rules_.end(), [id](const ScheduleRule& r) { return r.id == id; }),
               rules_.end());
  cv_.notify_all();
  return absl::OkStatus();
}

absl::StatusOr<std::vector<RuleView>> Scheduler::Rules() {
  LS_ASSIGN_OR_RETURN(auto recs, store_->ListSchedules());
  const absl::Time now = opts_.now();
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<RuleView> out;
  for (const auto& rec : recs) {
    RuleView v{rec, std::nullopt, ""};
    for (const auto& r : rules_) {
      if (r.id == rec.id) v.next = NextLocked(now, r, &v.note);
    }
    out.push_back(std::move(v));
  }
  return out;
}

absl::StatusOr<Started> Scheduler::PlayPlaylist(const std::string& name) {
  LS_ASSIGN_OR_RETURN(PlaylistRecord p, store_->GetPlaylist(name));
  if (p.song_ids.empty() && p.intro.empty() && p.outro.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("playlist '", name, "' is empty: add songs first (lsctl playlist add ", name, " SONG…)"));
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto run = std::make_unique<PlaylistRun>(std::move(p), "manual", static_cast<uint64_t>(NowUnixNs()), 0);
  auto r = run->Advance(*ctl_, NowUnixNs());
  if (!r.ok()) return r.status();
  if (!r->has_value()) {
    std::string why = run->notes().empty() ? "nothing to play" : run->notes().back();
    return absl::NotFoundError(absl::StrCat("playlist '", name, "': ", why));
  }
  manual_play_.clear();
  manual_pending_ = false;
  manual_run_ = std::move(run);
  if (scheduled_) scheduled_->Hold(NowUnixNs());
  return std::move(**r);
}

void Scheduler::BeginManualPlay() {
  std::lock_guard<std::mutex> lock(mu_);
  manual_pending_ = true;
  manual_run_.reset();  // a single song replaces a manual playlist
}

void Scheduler::EndManualPlay(const std::string& play_id) {
  std::lock_guard<std::mutex> lock(mu_);
  manual_pending_ = false;
  manual_play_ = play_id;
  if (scheduled_ && !play_id.empty()) scheduled_->Hold(NowUnixNs());
}

void Scheduler::Stopped(bool resume) {
  std::lock_guard<std::mutex> lock(mu_);
  manual_run_.reset();
  manual_play_.clear();
  manual_pending_ = false;
  if (resume) {
    paused_key_.clear();
    if (scheduled_ && !scheduled_->draining()) scheduled_->Hold(NowUnixNs());
  } else if (active_) {
    paused_key_ = active_->Key();
    track_.paused = true;
  } else if (scheduled_) {
    scheduled_.reset();  // the end of a window's last song, stopped
  }
}

void Scheduler::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    TickLocked();
    cv_.wait_for(lock, std::chrono::milliseconds(opts_.tick_ms));
  }
}

void Scheduler::AdvanceLocked(PlaylistRun& run, bool scheduled) {
  auto r = run.Advance(*ctl_, NowUnixNs());
  if (!r.ok()) return;  // no agent yet (UNAVAILABLE) or a passing error: next tick retries
  if (!r->has_value() || !scheduled) return;
  track_.played = true;
  // The resume point: a restart in this window goes on after this song.
  auto st = store_->SetState(kResumeKey, absl::StrCat(run.key(), " ", run.position()));
  if (!st.ok()) std::cerr << "lightshow-server: schedule resume point not saved: " << st.message() << std::endl;
}

void Scheduler::StartScheduledLocked(const Window& w) {
  const ScheduleRule* rule = nullptr;
  for (const auto& r : rules_) {
    if (r.id == w.rule_id) rule = &r;
  }
  if (rule == nullptr) return;
  auto p = store_->GetPlaylist(rule->playlist);
  if (!p.ok() || (p->song_ids.empty() && p->intro.empty() && p->outro.empty())) {
    active_notes_.push_back(absl::StrCat("schedule ", rule->id, ": ",
                                         p.ok() ? absl::StrCat("playlist '", rule->playlist, "' is empty")
                                                : std::string(p.status().message())));
    track_.skipped = true;
    return;
  }
  int64_t position = 0;
  auto saved = store_->GetState(kResumeKey);
  if (saved.ok() && saved->has_value()) {
    std::vector<std::string> parts = absl::StrSplit(**saved, ' ');
    int64_t pos = 0;
    if (parts.size() == 2 && parts[0] == w.Key() && absl::SimpleAtoi(parts[1], &pos)) position = pos;
  }
  scheduled_ = std::make_unique<PlaylistRun>(std::move(*p), w.Key(), std::hash<std::string>{}(w.Key()), position);
}

void Scheduler::FinishTrackLocked() {
  if (track_.key.empty()) return;
  std::string outcome = track_.paused   ? "paused"
                        : track_.played ? "played"
                        : !track_.agents_seen ? "no_agents"
                                              : "skipped";
  if (window_hook_) window_hook_(outcome);
}

void Scheduler::TickLocked() {
  const absl::Time now = opts_.now();
  const int64_t now_ns = NowUnixNs();
  if (!manual_play_.empty() && ctl_->Over(manual_play_)) manual_play_.clear();
  if (manual_run_) {
    AdvanceLocked(*manual_run_, false);
    if (manual_run_->Done()) manual_run_.reset();
  }
  const bool manual = manual_pending_ || !manual_play_.empty() || manual_run_ != nullptr;

  active_notes_.clear();
  active_ = ActiveLocked(now, &active_notes_);
  const std::string key = active_ ? active_->Key() : "";
  if (track_.key != key) {
    FinishTrackLocked();
    track_ = WindowTrack{key, active_ ? active_->rule_id : 0};
  }
  const bool paused = active_ && paused_key_ == key;

  // The previous window's run: stopped, or drained after its last song.
  if (scheduled_ && scheduled_->key() != key && paused_key_ == scheduled_->key()) scheduled_.reset();
  if (!active_) paused_key_.clear();
  if (scheduled_ && scheduled_->key() != key && !scheduled_->draining()) {
    int64_t rule_id = 0;
    (void)absl::SimpleAtoi(scheduled_->key().substr(0, scheduled_->key().find('@')), &rule_id);
    StopMode mode = StopMode::kFinishSong;
    for (const auto& r : rules_) {
      if (r.id == rule_id) mode = r.stop;
    }
    if (mode == StopMode::kNow || manual) {
      if (!scheduled_->current_play().empty() && !manual) ctl_->Stop(scheduled_->current_play());
      scheduled_.reset();
    } else {
      scheduled_->Drain();
    }
  }
  if (scheduled_ && scheduled_->draining()) {
    if (!manual) AdvanceLocked(*scheduled_, false);
    if (manual || scheduled_->Done()) scheduled_.reset();
  }

  if (active_ && !paused) {
    track_.agents_seen = track_.agents_seen || ctl_->AgentsConnected();
    if (!scheduled_ && !manual) StartScheduledLocked(*active_);
    if (scheduled_ && scheduled_->key() == key) {
      if (manual) {
        scheduled_->Hold(now_ns);
      } else {
        AdvanceLocked(*scheduled_, true);
      }
    }
  }
  if (now_ns - last_report_ns_ >= kReportEveryNs) {
    last_report_ns_ = now_ns;
    ReportLocked(now);
  }
}

std::string Scheduler::StateLocked() {
  const bool manual = manual_pending_ || !manual_play_.empty() || manual_run_ != nullptr;
  if (active_) {
    if (paused_key_ == active_->Key()) return "paused";
    if (manual) return "overridden";
    if (scheduled_ && !scheduled_->current_play().empty()) return "playing";
    return "waiting";
  }
  if (manual) return "manual";
  if (scheduled_ && !scheduled_->current_play().empty()) return "playing";
  return "idle";
}

void Scheduler::ReportLocked(absl::Time now) {
  if (!snapshot_hook_) return;
  ScheduleSnapshot s;
  s.state = StateLocked();
  s.window_open = active_.has_value();
  if (auto next = NextAnyLocked(now)) s.next_start_s = absl::ToDoubleSeconds(next->first.start - absl::UnixEpoch());
  snapshot_hook_(s);
}

NowInfo Scheduler::Now() {
  std::lock_guard<std::mutex> lock(mu_);
  const absl::Time now = opts_.now();
  NowInfo n;
  n.state = StateLocked();
  PlaylistRun* run = manual_run_ ? manual_run_.get() : scheduled_.get();
  if (run != nullptr) {
    n.playlist = run->playlist().name;
    n.song_id = run->current_song();
    n.next_song_id = run->PeekNext();
    n.notes = run->notes();
    if (run == scheduled_.get()) n.schedule_id = active_ ? active_->rule_id : 0;
  }
  if (active_) n.window_end = active_->end;
  n.notes.insert(n.notes.end(), active_notes_.begin(), active_notes_.end());
  if (auto next = NextAnyLocked(now)) {
    n.next_start = next->first.start;
    n.next_playlist = next->second->playlist;
    n.next_schedule_id = next->second->id;
  }
  for (const auto& r : rules_) {
    std::string note;
    NextLocked(now, r, &note);
    if (!note.empty()) n.notes.push_back(absl::StrCat("schedule ", r.id, ": ", note));
  }
  return n;
}

}  // namespace ls::season
