#include "season/playlist_run.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "absl/strings/str_cat.h"

namespace ls::season {
namespace {

constexpr int64_t kFirstLeadNs = 1'000'000'000;
// A song is handed to the player this long before its start, so the gap is
// kept to the frame whatever the scheduler's tick.
constexpr int64_t kStartAheadNs = 1'000'000'000;
constexpr int64_t kMinLeadNs = 100'000'000;

std::string Short(const std::string& id) { return id.substr(0, 12); }

}  // namespace

PlaylistRun::PlaylistRun(PlaylistRecord p, std::string key, uint64_t seed, int64_t position)
    : p_(std::move(p)), key_(std::move(key)), seed_(seed), position_(std::max<int64_t>(position, 0)) {}

std::vector<std::string> PlaylistRun::LapOrder(int64_t lap) const {
  std::vector<std::string> order = p_.song_ids;
  if (p_.shuffle) {
    std::mt19937_64 rng(seed_ + static_cast<uint64_t>(lap));
    std::shuffle(order.begin(), order.end(), rng);
  }
  return order;
}

std::string PlaylistRun::EntryAt(int64_t pos) const {
  const int64_t intro = p_.intro.empty() ? 0 : 1;
  if (pos < intro) return p_.intro;
  const int64_t n = static_cast<int64_t>(p_.song_ids.size());
  const int64_t k = pos - intro;
  if (n > 0 && (p_.repeat || k < n)) return LapOrder(k / n)[static_cast<size_t>(k % n)];
  if (k == n && !p_.repeat) return p_.outro;  // "" when there is none
  return "";
}

std::string PlaylistRun::PeekNext() const {
  if (done_) return "";
  if (draining_) return (!p_.outro.empty() && !outro_played_) ? p_.outro : "";
  return EntryAt(position_);
}

void PlaylistRun::Hold(int64_t now_ns) {
  current_play_.clear();
  current_song_.clear();
  next_start_ns_ = now_ns + p_.gap_ms * 1'000'000;
}

absl::StatusOr<std::optional<Started>> PlaylistRun::Advance(ShowControl& ctl, int64_t now_ns) {
  if (done_) return std::nullopt;
  if (!current_play_.empty()) {
    if (!ctl.Over(current_play_)) return std::nullopt;
    // A song that ended early (stopped) is noticed late: the gap counts from then.
    next_start_ns_ = std::min(now_ns, current_end_ns_) + p_.gap_ms * 1'000'000;
    current_play_.clear();
    current_song_.clear();
  }
  if (next_start_ns_ != 0 && now_ns < next_start_ns_ - kStartAheadNs) return std::nullopt;
  const int64_t lead = next_start_ns_ == 0 ? kFirstLeadNs : std::max(next_start_ns_ - now_ns, kMinLeadNs);
  // Songs that are gone are skipped at once; a whole lap of them ends the run.
  const int64_t tries = static_cast<int64_t>(p_.song_ids.size()) + 2;
  for (int64_t i = 0; i < tries; ++i) {
    bool outro_now = false;
    std::string song;
    if (draining_) {
      if (p_.outro.empty() || outro_played_ || (!p_.repeat && EntryAt(position_).empty())) {
        done_ = true;
        return std::nullopt;
      }
      song = p_.outro;
      outro_now = true;
    } else {
      song = EntryAt(position_);
      if (song.empty()) {
        done_ = true;
        return std::nullopt;
      }
    }
    auto r = ctl.Start(song, lead);
    if (!r.ok() && r.status().code() != absl::StatusCode::kNotFound) return r.status();
    if (outro_now || song == p_.outro) outro_played_ = true;
    if (!outro_now) ++position_;
    if (!r.ok()) {
      notes_.push_back(absl::StrCat("playlist '", p_.name, "': song ", Short(song),
                                    " skipped: ", r.status().message()));
      if (notes_.size() > 50) notes_.erase(notes_.begin());
      continue;
    }
    current_play_ = r->reply.play_id();
    current_song_ = song;
    current_end_ns_ = r->end_ns;
    ++started_;
    return std::optional<Started>(std::move(*r));
  }
  notes_.push_back(absl::StrCat("playlist '", p_.name, "': none of its songs can be played"));
  done_ = true;
  return std::nullopt;
}

}  // namespace ls::season
