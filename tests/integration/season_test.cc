// The nightly schedule end to end: a real server (time zone UTC, windows a few
// seconds long given to the second) and a sim agent play a scheduled playlist
// through a short "evening": songs in order with their gaps, the window's end,
// a restart mid-window, a manual play that wins, a stop that pauses; and the
// bad input of playlists and schedules.
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <thread>

#include "audio/encode.h"
#include "audio/synth.h"
#include "gtest/gtest.h"
#include "stream_rig.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

// One show as the agent applied it: frames 0… in a row.
struct Segment {
  long frames = 0;  // applied (a loaded machine may drop one now and then)
  long first = 0, last = 0;  // frame indices
  long long first_ns = 0, last_ns = 0;
};

std::vector<Segment> Segments(const std::vector<SimRow>& rows) {
  std::vector<Segment> out;
  long prev = -1;
  for (const auto& r : rows) {
    if (r.frame < 0) continue;
    if (out.empty() || r.frame <= prev) out.push_back({0, r.frame, r.frame, r.scheduled_ns, r.scheduled_ns});
    out.back().frames++;
    out.back().last = r.frame;
    out.back().last_ns = r.scheduled_ns;
    prev = r.frame;
  }
  return out;
}

// "HH:MM:SS" in UTC of now + `s`.
std::string UtcIn(std::chrono::seconds s) {
  std::time_t t = Clock::to_time_t(Clock::now() + s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

struct Songs {
  std::vector<std::string> ids;
  std::vector<long> frames;
};

// Songs of the given lengths: the start of a tune (tunes are at least 4 s;
// short songs keep the evening short).
Songs Submit(StreamRig& rig, const std::vector<double>& seconds) {
  Songs s;
  for (size_t i = 0; i < seconds.size(); ++i) {
    audio::Signal tune = audio::MakeTune(4.0, static_cast<uint32_t>(21 + i));
    tune.samples.resize(static_cast<size_t>(seconds[i] * tune.sample_rate) * static_cast<size_t>(tune.channels));
    auto bytes = audio::EncodeAudio(tune.samples, tune.channels, tune.sample_rate, audio::Format::kWavPcm16);
    if (!bytes.ok()) throw std::runtime_error(std::string(bytes.status().message()));
    const std::string path = rig.dir().File("song-" + std::to_string(i) + ".wav");
    WriteAll(path, *bytes);
    auto sub = rig.LsctlJson({"submit", path});
    if (!sub.contains("songs") || sub["songs"].size() != 1) throw std::runtime_error("submit: " + sub.dump());
    s.ids.push_back(sub["songs"][0]["id"].get<std::string>());
    s.frames.push_back(sub["songs"][0]["frame_count"].get<long>());
  }
  return s;
}

std::string NowState(StreamRig& rig) {
  auto now = rig.LsctlJson({"now"});
  return now.value("state", "?");
}

TEST(Season, ScheduledEveningPlaysInOrderWithGapsAndEndsWithTheWindow) {
  StreamRig rig({"--timezone", "UTC"});
  rig.StartAgent("porch");
  Songs s = Submit(rig, {1.0, 1.5, 2.0});
  ASSERT_EQ(rig.Lsctl({"playlist", "create", "eve", s.ids[0], s.ids[1], s.ids[2], "--gap", "1", "--repeat"})
                .exit_code, 0);
  // Window [T, T+7 s): a at T+1 (lead), gap 1 s, b, gap, c from ≈ T+5.5 s
  // plays past the end (finish-song) and nothing follows, though it repeats.
  const auto t0 = Clock::now();
  auto add = rig.LsctlJson({"schedule", "add", "eve", "--days", "mon-sun", "--from", UtcIn(2s), "--until",
                            UtcIn(9s), "--stop", "finish-song"});
  ASSERT_TRUE(add.contains("id")) << add.dump();
  EXPECT_EQ(add["stop"], "finish-song");
  ASSERT_TRUE(WaitFor([&] { return NowState(rig) == "playing"; }, 10s));
  auto now = rig.LsctlJson({"now"});
  EXPECT_EQ(now["playlist"], "eve") << now.dump();
  EXPECT_EQ(now["schedule_id"], add["id"]) << now.dump();
  // After the window: idle, the last song done.
  ASSERT_TRUE(WaitFor([&] { return Clock::now() - t0 > 12s && NowState(rig) == "idle"; }, 20s));
  auto seg = Segments(ReadSim(rig.SimPath("porch")));
  ASSERT_EQ(seg.size(), 3u) << rig.server_log();
  const long long period = (seg[0].last_ns - seg[0].first_ns) / (seg[0].last - seg[0].first);
  for (size_t i = 0; i < 3; ++i) {
    // Each song whole, first frame to last (the last one past the window's end too).
    EXPECT_EQ(seg[i].first, 0) << "song " << i;
    EXPECT_EQ(seg[i].last, s.frames[i] - 1) << "song " << i;
    EXPECT_GE(seg[i].frames, s.frames[i] - 3) << "song " << i;
  }
  for (size_t i = 1; i < 3; ++i) {
    const double gap_s = static_cast<double>(seg[i].first_ns - (seg[i - 1].last_ns + period)) * 1e-9;
    EXPECT_NEAR(gap_s, 1.0, 0.03) << "gap before song " << i;
  }
  const long long window_end = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   (t0 + 9s).time_since_epoch()).count();
  EXPECT_LT(seg[2].first_ns, window_end + 1'000'000'000LL);  // started inside the window (to the second)
}

TEST(Season, RestartInsideAWindowResumesAtTheNextSong) {
  StreamRig rig({"--timezone", "UTC"});
  rig.StartAgent("porch");
  Songs s = Submit(rig, {2.0, 1.0, 1.5});
  ASSERT_EQ(rig.Lsctl({"playlist", "create", "eve", s.ids[0], s.ids[1], s.ids[2], "--gap", "0.5"}).exit_code, 0);
  ASSERT_EQ(rig.Lsctl({"schedule", "add", "eve", "--from", UtcIn(1s), "--until", UtcIn(120s), "--stop", "now"})
                .exit_code, 0);
  // The first song is on the lights: kill the server in its middle.
  ASSERT_TRUE(WaitFor([&] { return !Segments(ReadSim(rig.SimPath("porch"))).empty(); }, 10s));
  rig.KillServer(SIGKILL);
  rig.RestartServer();
  ASSERT_TRUE(rig.WaitConnected("porch", true, 20s));
  ASSERT_TRUE(WaitFor([&] { return Segments(ReadSim(rig.SimPath("porch"))).size() >= 3; }, 20s)) << rig.server_log();
  ASSERT_TRUE(WaitFor([&] { return NowState(rig) == "waiting"; }, 10s));  // the playlist is done, the window open
  auto seg = Segments(ReadSim(rig.SimPath("porch")));
  ASSERT_EQ(seg.size(), 3u);
  EXPECT_LT(seg[0].frames, s.frames[0]);  // cut by the kill
  EXPECT_EQ(seg[1].frames, s.frames[1]);  // the next song, not the first again
  EXPECT_EQ(seg[2].frames, s.frames[2]);
}

TEST(Season, ManualPlayWinsThenTheScheduleResumesAndStopPauses) {
  StreamRig rig({"--timezone", "UTC"});
  rig.StartAgent("porch");
  Songs s = Submit(rig, {2.0, 2.5, 1.5, 1.2});
  ASSERT_EQ(rig.Lsctl({"playlist", "create", "eve", s.ids[0], s.ids[1], s.ids[2], "--gap", "0.5"}).exit_code, 0);
  ASSERT_EQ(rig.Lsctl({"schedule", "add", "eve", "--from", UtcIn(1s), "--until", UtcIn(120s)}).exit_code, 0);
  const std::string sim = rig.SimPath("porch");
  ASSERT_TRUE(WaitFor([&] { return !Segments(ReadSim(sim)).empty(); }, 10s));
  // A manual play in the window: it replaces the scheduled song and wins.
  ASSERT_EQ(rig.Lsctl({"play", s.ids[3], "--no-audio", "--lead-ms", "300"}).exit_code, 0);
  EXPECT_EQ(NowState(rig), "overridden");
  ASSERT_TRUE(WaitFor([&] { return Segments(ReadSim(sim)).size() >= 3; }, 15s)) << rig.server_log();
  auto seg = Segments(ReadSim(sim));
  EXPECT_EQ(seg[1].frames, s.frames[3]);  // the manual song, whole
  EXPECT_EQ(seg[2].frames > 0, true);
  // The schedule goes on with the song after the interrupted one.
  auto now = rig.LsctlJson({"now"});
  EXPECT_EQ(now["song_id"], s.ids[1]) << now.dump();
  // A stop inside the window pauses it: nothing more plays.
  ASSERT_EQ(rig.Lsctl({"stop"}).exit_code, 0);
  EXPECT_EQ(NowState(rig), "paused");
  std::this_thread::sleep_for(2500ms);  // longer than gap + lead: a next song would have started
  EXPECT_EQ(Segments(ReadSim(sim)).size(), 3u);
  // --resume: the schedule carries on with its next song.
  ASSERT_EQ(rig.Lsctl({"stop", "--resume"}).exit_code, 0);
  ASSERT_TRUE(WaitFor(
      [&] {
        seg = Segments(ReadSim(sim));
        return seg.size() >= 4 && seg[3].frames >= s.frames[2];
      },
      10s))
      << rig.server_log();
  EXPECT_EQ(seg.size(), 4u);
  EXPECT_EQ(seg[3].frames, s.frames[2]);
}

}  // namespace
}  // namespace ls::it
