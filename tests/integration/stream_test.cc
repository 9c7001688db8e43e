// Streaming end to end with the real binaries: offsets (server default + play +
// agent), channel groups (assign, persistence, dark beyond the show's width),
// and `lsctl play --agents` choosing who takes part.
#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <thread>

#include "gtest/gtest.h"
#include "stream_rig.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;

std::vector<SimRow> Frames(const std::vector<SimRow>& rows) {
  std::vector<SimRow> out;
  for (const auto& r : rows) {
    if (r.frame >= 0) out.push_back(r);
  }
  return out;
}

std::map<long, SimRow> ByFrame(const std::vector<SimRow>& rows) {
  std::map<long, SimRow> out;
  for (const auto& r : rows) out[r.frame] = r;
  return out;
}

// Waits until the agent has applied the last frame and gone dark.
std::vector<SimRow> WaitShowEnd(const std::string& sim, long last_frame) {
  std::vector<SimRow> rows;
  WaitFor(
      [&] {
        rows = ReadSim(sim);
        return ShowEnded(rows, static_cast<int>(last_frame) + 1);
      },
      15s);
  return rows;
}

TEST(StreamOffsets, ServerPlayAndAgentOffsetsAddUp) {
  StreamRig rig({"--offset-ms", "200"});
  rig.StartAgent("plain");
  rig.StartAgent("late", {"--offset-ms", "100"});
  auto song = rig.SubmitTune(3.0);
  const int frames = song["frame_count"].get<int>();
  auto play = rig.LsctlJson({"play", song["id"].get<std::string>(), "--lead-ms", "800", "--offset-ms", "50",
                             "--no-audio", "--wait"});
  ASSERT_TRUE(play.contains("play")) << play.dump();
  const long long start = I64(play["play"]["start"]["unix_ns"]);
  const long long period = I64(play["play"]["frame_period_ns"]);

  auto plain = Frames(WaitShowEnd(rig.SimPath("plain"), frames - 1));
  auto late = Frames(WaitShowEnd(rig.SimPath("late"), frames - 1));
  ExpectEveryFrameAccounted(rig, "plain", plain, frames);
  ExpectEveryFrameAccounted(rig, "late", late, frames);
  // On loopback the clock offset is tens of µs: schedules sit on start + offsets.
  const auto late_by_frame = ByFrame(late);
  int compared = 0;
  for (const auto& p : plain) {
    const long long want = start + 250'000'000LL + p.frame * period;
    EXPECT_NEAR(static_cast<double>(p.scheduled_ns), static_cast<double>(want), 2e6) << "frame " << p.frame;
    auto it = late_by_frame.find(p.frame);
    if (it == late_by_frame.end()) continue;
    EXPECT_NEAR(static_cast<double>(it->second.scheduled_ns - p.scheduled_ns), 100e6, 2e6) << "frame " << p.frame;
    ++compared;
  }
  EXPECT_GE(compared, frames * 9 / 10);
}

TEST(StreamOffsets, OutOfRangeServerOffsetIsRefused) {
  auto r = ::ls::it::Run({Bin("lightshow-server"), "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0",
                "--data-dir", "/nonexistent-unused", "--offset-ms", "20000"},
               10s);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--offset-ms"), std::string::npos) << r.err;
}

TEST(StreamGroups, GroupZeroMirrorsGroupBeyondWidthIsDarkAndOnlyChosenAgentsPlay) {
  StreamRig rig;
  rig.StartAgent("front");
  rig.StartAgent("side");
  rig.StartAgent("idle");
  auto assign = rig.LsctlJson({"agents", "assign", "side", "1"});
  EXPECT_EQ(assign["agent"]["group"].get<int>(), 1) << assign.dump();
  EXPECT_TRUE(assign["agent"]["connected"].get<bool>());

  auto song = rig.SubmitTune(3.0, 11);
  const int frames = song["frame_count"].get<int>();
  auto play = rig.LsctlJson({"play", song["id"].get<std::string>(), "--agents", "front,side", "--lead-ms", "500",
                             "--no-audio", "--wait"});
  ASSERT_TRUE(play.contains("play")) << play.dump();
  EXPECT_EQ(play["play"]["agent_ids"], nlohmann::json({"front", "side"}));
  const std::string masks = rig.ShowMasks(song["show_id"].get<std::string>());
  ASSERT_EQ(static_cast<int>(masks.size()), frames) << "the band show is 8 channels wide";

  auto front = Frames(WaitShowEnd(rig.SimPath("front"), frames - 1));
  auto side = Frames(WaitShowEnd(rig.SimPath("side"), frames - 1));
  ExpectEveryFrameAccounted(rig, "front", front, frames);
  ExpectEveryFrameAccounted(rig, "side", side, frames);
  int lit = 0;
  for (const auto& r : front) {
    EXPECT_EQ(r.mask, static_cast<uint8_t>(masks.at(r.frame))) << "group 0 mirrors channels 0-7, frame " << r.frame;
    lit += r.mask != 0;
  }
  for (const auto& r : side) EXPECT_EQ(r.mask, 0) << "group 1 of an 8-channel show stays dark, frame " << r.frame;
  EXPECT_GT(lit, frames / 4);
  EXPECT_TRUE(Frames(ReadSim(rig.SimPath("idle"))).empty()) << "idle was not chosen";

  auto agents = rig.Agents();
  EXPECT_EQ(agents["side"]["group"].get<int>(), 1);
  EXPECT_EQ(agents["front"]["group"].get<int>(), 0);
}

TEST(StreamGroups, AssignmentsSurviveARestartAndApplyBeforeFirstContact) {
  StreamRig rig;
  rig.StartAgent("porch");
  auto early = rig.LsctlJson({"agents", "assign", "garage", "2"});
  EXPECT_FALSE(early["agent"]["connected"].get<bool>()) << early.dump();
  ASSERT_EQ(rig.Lsctl({"agents", "assign", "porch", "3"}).exit_code, 0);
  auto bad = rig.Lsctl({"agents", "assign", "porch", "64"});
  EXPECT_NE(bad.exit_code, 0);

  rig.KillServer(SIGTERM);
  rig.RestartServer();
  ASSERT_TRUE(rig.WaitConnected("porch", true, 10s)) << rig.AgentLog("porch");
  rig.StartAgent("garage");
  auto agents = rig.Agents();
  EXPECT_EQ(agents["porch"]["group"].get<int>(), 3);
  EXPECT_EQ(agents["garage"]["group"].get<int>(), 2);
  auto text = rig.Lsctl({"agents", "assign", "garage", "0"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("channels 0-7"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace ls::it

namespace ls::it {
namespace {

TEST(StreamAgentConfig, ConfigFileFillsFlagsAndFlagsWin) {
  StreamRig rig;
  const std::string conf = rig.dir().File("agent.conf");
  WriteAll(conf, "# porch Pi\nserver = " + rig.address() + "\ntoken-file = " + rig.token_file() +
                     "\nid = from-file\ngpio = sim:" + rig.SimPath("cfg") +
                     "\npins = 17,18,27,22,23,24,25,4\nactive-low = false\noffset-ms = 120  # FM lag\n"
                     "safe-off-ms = 100\n");
  Process agent({Bin("lightshow-agent"), "--config", conf, "--id", "from-flag"}, rig.dir().File("cfg.out"),
                rig.dir().File("cfg.err"));
  ASSERT_TRUE(rig.WaitConnected("from-flag", true, 20s)) << ReadAll(rig.dir().File("cfg.err"));
  auto agents = rig.Agents();
  EXPECT_EQ(agents.count("from-file"), 0u) << "the --id flag wins over the file";
  EXPECT_EQ(I64(agents["from-flag"]["offset_ms"]), 120);
  agent.Signal(SIGTERM);
  EXPECT_EQ(agent.Wait(10s), 0);
}

TEST(StreamAgentConfig, BadConfigIsRefusedNamingTheLine) {
  TempDir dir;
  const std::string conf = dir.File("agent.conf");
  WriteAll(conf, "server = 127.0.0.1:1\nspeed = fast\n");
  auto r = ::ls::it::Run({Bin("lightshow-agent"), "--config", conf}, 10s);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("agent.conf:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("speed"), std::string::npos) << r.err;
  WriteAll(conf, "server = 127.0.0.1:1\n");
  r = ::ls::it::Run({Bin("lightshow-agent"), "--config", conf}, 10s);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--token-file is required"), std::string::npos) << r.err;
  r = ::ls::it::Run({Bin("lightshow-agent"), "--config", dir.File("missing.conf")}, 10s);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.conf"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ls::it

namespace ls::it {
namespace {

TEST(StreamAudio, NullSinkStartsWithTheShowAndConsumesTheWholeSong) {
  TempDir tmp;
  const std::string sink = tmp.File("audio.csv");
  StreamRig rig({"--audio", "null:" + sink});
  rig.StartAgent("porch");
  auto song = rig.SubmitTune(3.0, 5);
  auto play = rig.LsctlJson({"play", song["id"].get<std::string>(), "--lead-ms", "700", "--offset-ms", "300", "--wait"});
  ASSERT_TRUE(play.contains("play")) << play.dump();
  const long long start = I64(play["play"]["start"]["unix_ns"]);
  std::vector<std::string> lines;
  ASSERT_TRUE(WaitFor([&] { return !(lines = ReadLines(sink)).empty(); }, 10s)) << rig.server_log();
  char play_id[64] = {0};
  long long want_start = 0, first = 0, samples = 0;
  int rate = 0;
  ASSERT_EQ(std::sscanf(lines[0].c_str(), "%63[^,],%lld,%lld,%lld,%d", play_id, &want_start, &first, &samples, &rate), 5)
      << lines[0];
  EXPECT_EQ(play_id, play["play"]["play_id"].get<std::string>());
  EXPECT_EQ(want_start, start) << "audio starts at the show's start (lights follow at +offset)";
  EXPECT_NEAR(static_cast<double>(first - start), 0, 5e6) << "the sink began within 5 ms of the start";
  EXPECT_EQ(rate, 44100);
  EXPECT_NEAR(static_cast<double>(samples), song["duration_s"].get<double>() * 44100, 1100);
  auto rows = ReadSim(rig.SimPath("porch"));
  ASSERT_FALSE(rows.empty());
  for (const auto& r : rows) {
    if (r.frame == 0) {
      EXPECT_NEAR(static_cast<double>(r.scheduled_ns - start), 300e6, 2e6);
    }
  }

  // --no-audio leaves the music to something else: no second record.
  ASSERT_EQ(rig.Lsctl({"play", song["id"].get<std::string>(), "--lead-ms", "200", "--no-audio", "--wait"}).exit_code, 0);
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(ReadLines(sink).size(), 1u);
}

TEST(StreamAudio, StopCutsTheAudioAndBadSpecIsRefused) {
  TempDir tmp;
  const std::string sink = tmp.File("audio.csv");
  StreamRig rig({"--audio", "null:" + sink});
  rig.StartAgent("porch");
  auto song = rig.SubmitTune(6.0, 9);
  ASSERT_EQ(rig.Lsctl({"play", song["id"].get<std::string>(), "--lead-ms", "200"}).exit_code, 0);
  // Stop about a second into the show (the agent's applied frames say when).
  ASSERT_TRUE(WaitFor([&] { return ReadSim(rig.SimPath("porch")).size() > 45; }, 10s));
  ASSERT_EQ(rig.Lsctl({"stop"}).exit_code, 0);
  std::vector<std::string> lines;
  ASSERT_TRUE(WaitFor([&] { return !(lines = ReadLines(sink)).empty(); }, 3s)) << "stop ends the audio at once";
  long long a, b, samples;
  char id[64];
  int rate;
  ASSERT_EQ(std::sscanf(lines[0].c_str(), "%63[^,],%lld,%lld,%lld,%d", id, &a, &b, &samples, &rate), 5);
  EXPECT_LT(samples, 3 * 44100) << "cut short, not the whole 6 s song";

  auto r = ::ls::it::Run({Bin("lightshow-server"), "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0",
                          "--data-dir", tmp.File("d"), "--audio", "speakers"},
                         10s);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--audio"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ls::it
