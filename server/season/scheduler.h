#pragma once
/// The nightly schedule: a thread that opens each rule's window (clock times or
/// dusk/dawn at the server's location, in its time zone), plays the rule's
/// playlist through ShowControl, ends it as the rule says (finish the song or
/// stop now), and resumes a window after a restart at the song after the one
/// that was playing. A manual play inside a window wins until it ends, then the
/// schedule goes on; a stop in a window pauses it until the next window unless
/// `resume`. Also runs manual playlists (`lsctl play --playlist`).
/// Thread-safe; owns one thread. The clock used for windows is injectable.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "season/playlist_run.h"
#include "season/rules.h"
#include "season/season_store.h"
#include "season/show_control.h"

namespace ls::season {

struct SchedulerOptions {
  absl::TimeZone tz = absl::UTCTimeZone();
  std::string tz_name = "UTC";
  std::optional<Location> where;
  /// The clock of the windows (not of the shows); tests move it.
  std::function<absl::Time()> now = [] { return absl::Now(); };
  int64_t tick_ms = 50;
};

/// What `lsctl now` shows.
struct NowInfo {
  std::string state;  ///< idle, waiting, playing, paused, overridden, manual
  std::string playlist;
  int64_t schedule_id = 0;
  std::string song_id, next_song_id;
  absl::Time window_end = absl::InfinitePast();
  absl::Time next_start = absl::InfinitePast();
  std::string next_playlist;
  int64_t next_schedule_id = 0;
  std::vector<std::string> notes;
};

/// A rule with its next (or current) window, for `lsctl schedule list`.
struct RuleView {
  ScheduleRecord record;
  std::optional<Window> next;  ///< nullopt: none within a year
  std::string note;            ///< why the nearest window(s) are skipped
};

/// Schedule state for the metrics, reported about once a second.
struct ScheduleSnapshot {
  std::string state;          ///< as NowInfo::state
  double next_start_s = 0;    ///< unix seconds of the next window's start (0 = none)
  bool window_open = false;
};

class Scheduler {
 public:
  using SnapshotHook = std::function<void(const ScheduleSnapshot&)>;
  /// outcome: played, no_agents (no song could start: no agent connected),
  /// paused, skipped (no dusk/dawn that date, no location, empty playlist).
  using WindowHook = std::function<void(const std::string& outcome)>;

  Scheduler(SeasonStore* store, ShowControl* ctl, SchedulerOptions opts);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  /// Loads the rules and starts the thread.
  absl::Status Start();
  void Shutdown();
  void SetHooks(SnapshotHook snapshot, WindowHook window);

  /// Parses and checks a rule against the coming year, then stores it.
  absl::StatusOr<RuleView> AddRule(const ScheduleRecord& r);
  absl::Status DeleteRule(int64_t id);
  absl::StatusOr<std::vector<RuleView>> Rules();

  /// `lsctl play --playlist`: plays it now (its first song is returned).
  absl::StatusOr<Started> PlayPlaylist(const std::string& name);
  /// Around a manual single-song play: Begin before it replaces what plays,
  /// End with its play id (or "" when it failed).
  void BeginManualPlay();
  void EndManualPlay(const std::string& play_id);
  /// Before `lsctl stop` stops the shows.
  void Stopped(bool resume);

  NowInfo Now();
  const SchedulerOptions& options() const { return opts_; }

  /// Parses a stored record (pure).
  static absl::StatusOr<ScheduleRule> ParseRule(const ScheduleRecord& r);

 private:
  struct WindowTrack {
    std::string key;
    int64_t rule_id = 0;
    bool agents_seen = false, played = false, paused = false, skipped = false;
  };

  void Run();
  void TickLocked();
  std::optional<Window> ActiveLocked(absl::Time now, std::vector<std::string>* notes);
  std::optional<Window> NextLocked(absl::Time now, const ScheduleRule& r, std::string* note);
  std::optional<std::pair<Window, const ScheduleRule*>> NextAnyLocked(absl::Time now);
  void StartScheduledLocked(const Window& w);
  void AdvanceLocked(PlaylistRun& run, bool scheduled);
  void FinishTrackLocked();
  void ReportLocked(absl::Time now);
  std::string StateLocked();

  SeasonStore* store_;
  ShowControl* ctl_;
  SchedulerOptions opts_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::vector<ScheduleRule> rules_;
  std::map<std::pair<int64_t, absl::CivilDay>, absl::StatusOr<std::optional<Window>>> cache_;
  std::unique_ptr<PlaylistRun> scheduled_;   // the window's run (draining after its end)
  std::unique_ptr<PlaylistRun> manual_run_;  // lsctl play --playlist
  bool manual_pending_ = false;
  std::string manual_play_;                  // lsctl play SONG
  std::string paused_key_;                   // window paused by lsctl stop
  std::optional<Window> active_;
  std::vector<std::string> active_notes_;
  WindowTrack track_;
  std::set<std::string> skipped_seen_;       // skipped windows already counted
  int64_t last_report_ns_ = 0;
  SnapshotHook snapshot_hook_;
  WindowHook window_hook_;
  std::thread thread_;
};

}  // namespace ls::season
