#pragma once
/// One run of a playlist: which song comes next (intro, the songs — shuffled
/// per lap with a seed, so a restart finds the same order — repeated or not,
/// then the outro), the song playing and the gap before the next.
/// Not thread-safe: the Scheduler drives it under its lock.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "season/season_store.h"
#include "season/show_control.h"

namespace ls::season {

class PlaylistRun {
 public:
  /// `position` = entries already played (intro counts as one), e.g. the
  /// resume point after a restart; `key` names the run (window key or "manual").
  PlaylistRun(PlaylistRecord p, std::string key, uint64_t seed, int64_t position);

  /// Starts the next song when its time has come. Returns the song started (or
  /// nullopt). Songs that are gone are skipped with a note; UNAVAILABLE (no
  /// agents) is returned so the caller retries later.
  absl::StatusOr<std::optional<Started>> Advance(ShowControl& ctl, int64_t now_ns);

  /// Ends the run after the song playing now (and the outro, if any and not
  /// yet played): what a window's end does in finish-song mode.
  void Drain() { draining_ = true; }
  bool draining() const { return draining_; }
  /// No song playing and none to come.
  bool Done() const { return done_; }
  /// Holds the run while something else plays: forgets its song (stopped
  /// from outside) and puts the next one a gap after `now_ns`.
  void Hold(int64_t now_ns);

  const std::string& key() const { return key_; }
  const PlaylistRecord& playlist() const { return p_; }
  const std::string& current_play() const { return current_play_; }
  const std::string& current_song() const { return current_song_; }
  /// The song that comes next ("" = none); `played` = entries played so far.
  std::string PeekNext() const;
  int64_t position() const { return position_; }
  int64_t songs_started() const { return started_; }
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  /// The entry at `pos` of the run's sequence, or "" past its end.
  std::string EntryAt(int64_t pos) const;
  std::vector<std::string> LapOrder(int64_t lap) const;

  PlaylistRecord p_;
  std::string key_;
  uint64_t seed_;
  int64_t position_;        // entries of the sequence consumed
  bool draining_ = false;
  bool outro_played_ = false;
  bool done_ = false;
  std::string current_play_, current_song_;
  int64_t current_end_ns_ = 0;
  int64_t next_start_ns_ = 0;  // 0 = as soon as possible
  int64_t started_ = 0;
  std::vector<std::string> notes_;
};

}  // namespace ls::season
