// Human output: durations, tables, lights, progress, status lines.

#include <sstream>

#include "cli/commands.h"
#include "cli/output.h"
#include "fake_control.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

TEST(Duration, MinutesSecondsTenths) {
  EXPECT_EQ(FormatDuration(0), "0:00.0");
  EXPECT_EQ(FormatDuration(7.44), "0:07.4");
  EXPECT_EQ(FormatDuration(187.44), "3:07.4");
  EXPECT_EQ(FormatDuration(59.96), "1:00.0");  // rounds up across the minute
  EXPECT_EQ(FormatDuration(600), "10:00.0");
  EXPECT_EQ(FormatDuration(3723.25), "1:02:03.3");
  EXPECT_EQ(FormatDuration(-3), "0:00.0");
}

TEST(Seconds, PicksAUnit) {
  EXPECT_EQ(FormatSeconds(0.0000042), "4 µs");
  EXPECT_EQ(FormatSeconds(0.0125), "12.5 ms");
  EXPECT_EQ(FormatSeconds(2.345), "2.35 s");
}

TEST(Bytes, BinaryUnits) {
  EXPECT_EQ(FormatBytes(512), "512 B");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
  EXPECT_EQ(FormatBytes(10 * 1024 * 1024), "10.0 MiB");
}

TEST(Ids, ShortIdIsTwelveChars) {
  EXPECT_EQ(ShortId("3f2a9c1b7e4d0000111122223333"), "3f2a9c1b7e4d");
  EXPECT_EQ(ShortId("abc"), "abc");
}

TEST(Lights, ChannelZeroLeftmost) {
  EXPECT_EQ(FormatLights(0x00, 8), "○○○○○○○○");
  EXPECT_EQ(FormatLights(0xff, 8), "●●●●●●●●");
  EXPECT_EQ(FormatLights(0x01, 8), "●○○○○○○○");
  EXPECT_EQ(FormatLights(0x80, 8), "○○○○○○○●");
  EXPECT_EQ(FormatLights(0x05, 0), "●○●○○○○○");  // 0 channels = 8
  EXPECT_EQ(FormatLights(0x101, 16), "●○○○○○○○ ●○○○○○○○");
}

TEST(Lights, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(DisplayWidth("●○●"), 3u);
  EXPECT_EQ(DisplayWidth("Stille Nacht é"), 14u);
}

TEST(TableTest, PadsAlignsAndHasNoTrailingBlanks) {
  Table t({"ID", "NAME", "N"});
  t.AlignRight(2);
  t.AddRow({"a", "Stille Nacht", "5"});
  t.AddRow({"bbbb", "é", "123"});
  std::ostringstream out;
  t.Print(out);
  EXPECT_EQ(out.str(),
            "ID    NAME            N\n"
            "a     Stille Nacht    5\n"
            "bbbb  é             123\n");
}

TEST(Progress, RendersBarPercentAndBytes) {
  EXPECT_EQ(RenderProgress("a.wav", 512 * 1024, 1024 * 1024, 10),
            "a.wav  [#####.....]  50%  512.0 KiB / 1.0 MiB");
  EXPECT_EQ(RenderProgress("a.wav", 2048, 1024, 4), "a.wav  [####] 100%  1.0 KiB / 1.0 KiB");
  EXPECT_EQ(RenderProgress("a.wav", 2048, 0, 4), "a.wav  2.0 KiB");
}

TEST(Progress, TerminalOnlyAndRedrawsInPlace) {
  std::ostringstream quiet;
  ProgressBar off(quiet, false, "x", 100);
  off.Update(50);
  off.Done();
  EXPECT_EQ(quiet.str(), "");

  std::ostringstream tty;
  ProgressBar on(tty, true, "x", 100);
  on.Update(50);
  on.Update(50);  // same percentage: no redraw
  on.Update(100);
  on.Done();
  const std::string s = tty.str();
  EXPECT_EQ(std::count(s.begin(), s.end(), '\r'), 3);  // two draws + the wipe
  EXPECT_EQ(s.find('\n'), std::string::npos);
  EXPECT_NE(s.find("100%"), std::string::npos);
}

TEST(Live, PlainOutputIsRateLimitedUnlessForced) {
  std::ostringstream out;
  {
    LiveLine line(out, false, 0, std::chrono::hours(1));
    line.Show("one");
    line.Show("two");  // dropped: within the interval
    line.Show("three", true);
    line.Show("three", true);  // repeats are dropped even when forced
  }
  EXPECT_EQ(out.str(), "one\nthree\n");
}

TEST(Live, TerminalRedrawsOneLine) {
  std::ostringstream out;
  {
    LiveLine line(out, true);
    line.Show("one");
    line.Show("two");
  }
  EXPECT_EQ(out.str(), "\rone\x1b[K\rtwo\x1b[K\n");
}

TEST(Live, TerminalLinesNeverWrap) {
  std::ostringstream out;
  {
    LiveLine line(out, true, 6);
    line.Show("●○●○●○●○ long");
  }
  EXPECT_EQ(out.str(), "\r●○●○●\x1b[K\n");
  EXPECT_EQ(TruncateToWidth("abc", 5), "abc");
  EXPECT_EQ(TruncateToWidth("é●x", 2), "é●");
  EXPECT_EQ(TruncateToWidth("abc", 0), "");
}

TEST(ShowStatusLine, ElapsedTotalLightsAgents) {
  pb::ShowStatus s;
  s.set_state(pb::ShowStatus::PLAYING);
  s.set_song_name("jingle.wav");
  s.set_frame(100);
  s.set_frame_count(1000);
  s.set_mask(0x03);
  s.set_channels(8);
  s.add_agent_ids("porch");
  s.add_agent_ids("tree");
  EXPECT_EQ(FormatShowStatus(s, 30'000'000),
            "playing  0:03.0 / 0:30.0  ●●○○○○○○  jingle.wav  agents: porch, tree");
  s.clear_agent_ids();
  s.set_state(pb::ShowStatus::FINISHED);
  EXPECT_EQ(FormatShowStatus(s, 30'000'000),
            "finished  0:30.0 / 0:30.0  ●●○○○○○○  jingle.wav  agents: none");
}

TEST(Tables, SongsTable) {
  testing::ScopedEnv tz("TZ", "UTC");
  tzset();
  pb::ListSongsReply reply;
  *reply.add_songs() = testing::FakeControl::SampleSong();
  std::ostringstream out;
  PrintSongsTable(out, reply);
  EXPECT_EQ(out.str(),
            "ID            NAME        DURATION  FRAMES  FORMAT  SOURCE        ADDED\n"
            "3f2a9c1b7e4d  jingle.wav    0:30.0    1291  WAV     44100 Hz/2ch  2024-11-25 08:00:00\n");
  std::ostringstream empty;
  PrintSongsTable(empty, pb::ListSongsReply());
  EXPECT_NE(empty.str().find("no songs"), std::string::npos);
}

TEST(Tables, AgentsTable) {
  pb::ListAgentsReply reply;
  pb::AgentInfo* a = reply.add_agents();
  a->set_id("porch");
  a->set_channels(8);
  a->set_peer("ipv4:10.0.0.5:4000");
  a->set_connected(true);
  a->set_clock_offset_ns(-1'250'000);
  a->set_rtt_ns(2'400'000);
  a->set_frames_applied(8072);
  a->set_frames_late(3);
  a->set_offset_ms(-40);
  std::ostringstream out;
  PrintAgentsTable(out, reply);
  EXPECT_EQ(out.str(),
            "ID     CONNECTED  CH  GROUP  PEER                OFFSET_MS  CLOCK_MS  RTT_MS  "
            "APPLIED  LATE  DROPPED\n"
            "porch  yes         8      0  ipv4:10.0.0.5:4000        -40      -1.2     2.4     "
            "8072     3        0\n");
}

TEST(Submitted, HumanLinesWithTimingsAndDuplicate) {
  pb::UploadReply reply;
  *reply.mutable_song() = testing::FakeControl::SampleSong();
  reply.set_duplicate(true);
  auto* t = reply.add_timings();
  t->set_stage("decode");
  t->set_seconds(0.034);
  t = reply.add_timings();
  t->set_stage("stft");
  t->set_seconds(1.5);
  std::ostringstream out;
  PrintSubmitted(out, reply);
  EXPECT_EQ(out.str(),
            "3f2a9c1b7e4d  jingle.wav  0:30.0  1291 frames  (already in catalog)\n"
            "  timings: decode 34.0 ms, stft 1.50 s\n");
}

}  // namespace
}  // namespace ls::cli
