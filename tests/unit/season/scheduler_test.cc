// The scheduler through a simulated evening at 52.5 N with an injected clock:
// the window opens at dusk (as libnova computes it) and closes at 22:30, the
// playlist plays meanwhile; on the spring DST day 17:00 is 15:00 UTC.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "common/clock.h"
#include "season/scheduler.h"
#include "temp_dir.h"

namespace ls::season {
namespace {

// Songs of 0.3 s on the real clock (the show player's), every start recorded.
class FakeShows : public ShowControl {
 public:
  absl::StatusOr<Started> Start(const std::string& song, int64_t lead_ns) override {
    std::lock_guard<std::mutex> l(mu);
    Started s;
    s.reply.set_play_id("p" + std::to_string(played.size()));
    s.end_ns = NowUnixNs() + lead_ns + 300'000'000;
    ends[s.reply.play_id()] = s.end_ns;
    played.push_back(song);
    return s;
  }
  bool Over(const std::string& id) override {
    std::lock_guard<std::mutex> l(mu);
    return NowUnixNs() >= ends[id];
  }
  void Stop(const std::string& id) override {
    std::lock_guard<std::mutex> l(mu);
    ends[id] = 0;
  }
  std::string SongName(const std::string& s) override { return s; }
  bool AgentsConnected() override { return true; }
  size_t Count() {
    std::lock_guard<std::mutex> l(mu);
    return played.size();
  }
  std::mutex mu;
  std::vector<std::string> played;
  std::map<std::string, int64_t> ends;
};

bool WaitFor(const std::function<bool()>& pred) {
  for (int i = 0; i < 200; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

struct Rig {
  testutil::TempDir dir;
  std::unique_ptr<SeasonStore> store;
  FakeShows shows;
  std::atomic<int64_t> now_s{0};
  std::unique_ptr<Scheduler> sched;
  absl::TimeZone tz;

  Rig() {
    EXPECT_TRUE(absl::LoadTimeZone("Europe/Berlin", &tz));
    store = *SeasonStore::Open(dir.path());
    PlaylistRecord p;
    p.name = "xmas";
    p.song_ids = {"a", "b"};
    p.repeat = true;
    p.gap_ms = 100;
    EXPECT_TRUE(store->CreatePlaylist(p).ok());
    SchedulerOptions o;
    o.tz = tz;
    o.tz_name = "Europe/Berlin";
    o.where = Location{52.5, 13.4};
    o.now = [this] { return absl::FromUnixSeconds(now_s.load()); };
    o.tick_ms = 10;
    sched = std::make_unique<Scheduler>(store.get(), &shows, o);
  }
  void Set(absl::CivilSecond local) { now_s = absl::ToUnixSeconds(absl::FromCivil(local, tz)); }
};

TEST(Scheduler, AnEveningFromDuskTo2230) {
  Rig rig;
  rig.Set(absl::CivilSecond(2026, 12, 21, 15, 0, 0));
  ASSERT_TRUE(rig.sched->Start().ok());
  auto rule = rig.sched->AddRule({0, "xmas", "mon-sun", "dusk", "22:30", "11-28..01-06", ""});
  ASSERT_TRUE(rule.ok()) << rule.status();
  const absl::Time dusk = *SunTime(SunEvent::kDusk, {52.5, 13.4}, absl::CivilDay(2026, 12, 21), rig.tz);
  ASSERT_TRUE(rule->next.has_value());
  EXPECT_EQ(rule->next->start, dusk);
  EXPECT_EQ(rule->next->end, absl::FromCivil(absl::CivilSecond(2026, 12, 21, 22, 30, 0), rig.tz));

  NowInfo n = rig.sched->Now();
  EXPECT_EQ(n.state, "idle");
  EXPECT_EQ(n.next_start, dusk);
  EXPECT_EQ(rig.shows.Count(), 0u);

  rig.now_s = absl::ToUnixSeconds(dusk) + 1;  // dusk: the show begins
  ASSERT_TRUE(WaitFor([&] { return rig.shows.Count() >= 3; }));
  n = rig.sched->Now();
  EXPECT_EQ(n.playlist, "xmas");
  EXPECT_EQ(n.schedule_id, rule->record.id);
  EXPECT_EQ(n.window_end, rule->next->end);
  EXPECT_EQ(rig.shows.played[0], "a");
  EXPECT_EQ(rig.shows.played[1], "b");

  rig.Set(absl::CivilSecond(2026, 12, 21, 22, 30, 1));  // 22:30: the song finishes, nothing follows
  ASSERT_TRUE(WaitFor([&] { return rig.sched->Now().state == "idle"; }));
  const size_t after = rig.shows.Count();
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  EXPECT_EQ(rig.shows.Count(), after);
  // The next window is tomorrow's dusk.
  n = rig.sched->Now();
  EXPECT_EQ(n.next_start, *SunTime(SunEvent::kDusk, {52.5, 13.4}, absl::CivilDay(2026, 12, 22), rig.tz));
  // After the season's last night, the next window is next season's first.
  rig.Set(absl::CivilSecond(2027, 1, 6, 23, 0, 0));
  n = rig.sched->Now();
  EXPECT_EQ(absl::ToCivilDay(n.next_start, rig.tz), absl::CivilDay(2027, 11, 28));
}

TEST(Scheduler, OnTheSpringDstDay1700IsFifteenUtc) {
  Rig rig;
  rig.Set(absl::CivilSecond(2026, 3, 29, 1, 0, 0));
  ASSERT_TRUE(rig.sched->Start().ok());
  auto rule = rig.sched->AddRule({0, "xmas", "sun", "17:00", "22:30", "", "now"});
  ASSERT_TRUE(rule.ok()) << rule.status();
  EXPECT_EQ(rule->next->start, absl::FromCivil(absl::CivilSecond(2026, 3, 29, 15, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ(rule->next->end - rule->next->start, absl::Hours(5.5));
  // And the Sunday before, still in winter time: 16:00 UTC.
  rig.Set(absl::CivilSecond(2026, 3, 22, 1, 0, 0));
  EXPECT_EQ(rig.sched->Now().next_start,
            absl::FromCivil(absl::CivilSecond(2026, 3, 22, 16, 0, 0), absl::UTCTimeZone()));
}

}  // namespace
}  // namespace ls::season
