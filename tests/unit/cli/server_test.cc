// lsctl against a real in-process gRPC Control server on 127.0.0.1:0.

#include <sys/stat.h>

#include <algorithm>

#include "fake_control.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "test_util.h"

namespace ls::cli {
namespace {

using testing::FakeServer;
using testing::Lsctl;
using testing::Result;
using testing::ScopedEnv;
using testing::TempDir;
using testing::WriteFile;

class LsctlServer : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.File("token"), "s3cret-token\n");
    WriteFile(dir_.File("server.addr"), server_.address() + "\n");
  }

  // lsctl with explicit --server/--token-file, like scripts call it.
  Result Run(std::vector<std::string> args, bool tty = false) {
    std::vector<std::string> full = {"--server", server_.address(), "--token-file",
                                     dir_.File("token")};
    full.insert(full.end(), args.begin(), args.end());
    return Lsctl(full, tty);
  }

  static nlohmann::json Json(const Result& r) {
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << "not one JSON document: " << r.out;
    return j;
  }

  TempDir dir_;
  FakeServer server_{"s3cret-token"};
};

TEST_F(LsctlServer, SubmitSendsHeaderFirstThenChunksThatReassemble) {
  const std::string bytes = testing::RandomBytes(2 * 256 * 1024 + 12345, 7);
  WriteFile(dir_.File("jingle.wav"), bytes);
  const Result r = Run({"--json", "submit", dir_.File("jingle.wav")});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const auto uploads = server_.service().uploads();
  ASSERT_EQ(uploads.size(), 1u);
  const auto& u = uploads[0];
  EXPECT_TRUE(u.header_first);
  EXPECT_EQ(u.name, "jingle.wav");  // the basename, not the path
  EXPECT_EQ(u.size_bytes, bytes.size());
  EXPECT_EQ(u.chunk_sizes, (std::vector<size_t>{256 * 1024, 256 * 1024, 12345}));
  EXPECT_TRUE(u.data == bytes) << "reassembled upload differs from the file";

  const auto calls = server_.service().calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].authorization, "Bearer s3cret-token");
  EXPECT_GE(calls[0].deadline_s, 25.0) << "uploads get a size-scaled deadline";
  EXPECT_LE(calls[0].deadline_s, 32.0);  // 30 s + 2 s per MiB

  const auto j = Json(r);
  ASSERT_EQ(j["songs"].size(), 1u);
  EXPECT_EQ(j["errors"], nlohmann::json::array());
  const auto& s = j["songs"][0];
  EXPECT_EQ(s["id"].get<std::string>().size(), 64u);
  EXPECT_EQ(s["name"], "jingle.wav");
  EXPECT_EQ(s["frame_count"], 8072);
  EXPECT_EQ(s["duplicate"], false);
  EXPECT_EQ(s["timings"].size(), 5u);
  EXPECT_DOUBLE_EQ(s["timings"]["decode"].get<double>(), 0.0125);
}

TEST_F(LsctlServer, SubmitHumanOutputAndDuplicate) {
  WriteFile(dir_.File("a.wav"), "RIFF....WAVE");
  Result first = Run({"submit", dir_.File("a.wav")});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("a.wav  3:07.4  8072 frames\n"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("timings: upload 12.5 ms, decode 12.5 ms"), std::string::npos)
      << first.out;
  EXPECT_EQ(first.out.find("already in catalog"), std::string::npos);
  EXPECT_EQ(first.out.find(' '), 12u) << "a 12-hex id prefix comes first: " << first.out;
  EXPECT_EQ(first.err, "") << "no progress bar when stderr is not a terminal";

  Result second = Run({"submit", dir_.File("a.wav")});
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_NE(second.out.find("(already in catalog)"), std::string::npos) << second.out;
}

TEST_F(LsctlServer, ProgressBarOnATerminal) {
  WriteFile(dir_.File("a.wav"), testing::RandomBytes(600 * 1024, 1));
  Result r = Run({"submit", dir_.File("a.wav")}, /*tty=*/true);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("\ra.wav  ["), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("100%"), std::string::npos);
  EXPECT_EQ(r.err.find('\n'), std::string::npos) << "the bar leaves no lines behind";
}

TEST_F(LsctlServer, ServerErrorExitsOneWithCodeAndMessage) {
  WriteFile(dir_.File("bad.wav"), "not audio");
  Result r = Run({"submit", dir_.File("bad.wav")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("lsctl: error: " + dir_.File("bad.wav") +
                       ": INVALID_ARGUMENT: not an audio file: bad.wav"),
            std::string::npos)
      << r.err;
}

TEST_F(LsctlServer, EarlyRejectionOfALargeUploadIsReported) {
  WriteFile(dir_.File("huge.wav"), testing::RandomBytes(8 * 1024 * 1024, 3));
  Result r = Run({"submit", dir_.File("huge.wav")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("RESOURCE_EXHAUSTED: upload of 8388608 bytes is over the limit"),
            std::string::npos)
      << r.err;
}

TEST_F(LsctlServer, SeveralFilesContinuePastFailuresAndReportEach) {
  WriteFile(dir_.File("one.wav"), "1111");
  WriteFile(dir_.File("bad.wav"), "2222");
  WriteFile(dir_.File("two.wav"), "3333");
  mkdir(dir_.File("folder").c_str(), 0755);
  Result r = Run({"--json", "submit", dir_.File("one.wav"), dir_.File("missing.wav"),
                  dir_.File("folder"), dir_.File("bad.wav"), dir_.File("two.wav")});
  EXPECT_EQ(r.exit_code, 1);
  const auto j = Json(r);
  ASSERT_EQ(j["songs"].size(), 2u);
  EXPECT_EQ(j["songs"][0]["name"], "one.wav");
  EXPECT_EQ(j["songs"][1]["name"], "two.wav");
  ASSERT_EQ(j["errors"].size(), 3u);
  std::vector<std::string> failed;
  for (const auto& e : j["errors"]) failed.push_back(e["file"]);
  std::sort(failed.begin(), failed.end());
  EXPECT_EQ(failed, (std::vector<std::string>{dir_.File("bad.wav"), dir_.File("folder"),
                                              dir_.File("missing.wav")}));
  for (const auto& e : j["errors"]) {
    if (e["file"] == dir_.File("bad.wav")) {
      EXPECT_EQ(e["code"], "INVALID_ARGUMENT");
    }
    if (e["file"] == dir_.File("folder")) {
      EXPECT_NE(e["error"].get<std::string>().find("directory"), std::string::npos);
    }
  }
  // Local failures never reach the server.
  EXPECT_EQ(server_.service().uploads().size(), 3u);
  EXPECT_NE(r.err.find(dir_.File("missing.wav")), std::string::npos);
}

TEST_F(LsctlServer, LocalErrorsNeverContactTheServer) {
  Result r = Run({"submit", dir_.File("nope.wav")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("lsctl: error: " + dir_.File("nope.wav") + ": cannot open: No such file"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(server_.service().calls().empty());
}

TEST_F(LsctlServer, DefaultsFromDataDirEnvAndTrimmedToken) {
  WriteFile(dir_.File("token"), "\n  s3cret-token  \n");
  ScopedEnv env("LIGHTSHOW_DATA_DIR", dir_.path().c_str());
  Result r = Lsctl({"--json", "songs"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto calls = server_.service().calls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].authorization, "Bearer s3cret-token");
  EXPECT_GT(calls[0].deadline_s, 5.0) << "unary calls have a deadline";
  EXPECT_LE(calls[0].deadline_s, 10.5);
}

TEST_F(LsctlServer, WrongTokenIsUnauthenticated) {
  WriteFile(dir_.File("other"), "guess\n");
  Result r = Lsctl({"--server", server_.address(), "--token-file", dir_.File("other"), "agents"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("lsctl: error: UNAUTHENTICATED: missing or wrong bearer token"),
            std::string::npos)
      << r.err;
}

TEST_F(LsctlServer, UnreachableServerNamesTheAddress) {
  std::string address;
  {
    FakeServer gone("x");  // a port that was just free, and is again
    address = gone.address();
  }
  Result r = Lsctl({"--server", address, "--token-file", dir_.File("token"), "songs"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot reach lightshow-server at " + address), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("UNAVAILABLE"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("start it with `lightshow-server"), std::string::npos) << r.err;
}

TEST_F(LsctlServer, SongsTableAndJson) {
  Result human = Run({"songs"});
  ASSERT_EQ(human.exit_code, 0) << human.err;
  EXPECT_EQ(human.out.rfind("ID ", 0), 0u) << human.out;
  EXPECT_NE(human.out.find("3f2a9c1b7e4d  jingle.wav"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("Stille Nacht.flac"), std::string::npos);
  EXPECT_NE(human.out.find("48000 Hz/2ch"), std::string::npos);

  Result json = Run({"songs", "--json"});  // global flags may follow the command
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = Json(json);
  ASSERT_EQ(j["songs"].size(), 2u);
  EXPECT_EQ(j["songs"][1]["format"], "FLAC");
  EXPECT_EQ(j["songs"][0]["source_sample_rate"], 44100);
}

TEST_F(LsctlServer, SongShowsSongAndShow) {
  Result r = Run({"song", "3f2a9c"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("renderer"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("bands"), std::string::npos);
  const auto j = Json(Run({"--json", "song", "3f2a9c"}));
  EXPECT_EQ(j["show"]["renderer"], "bands");
  EXPECT_EQ(j["song"]["name"], "jingle.wav");
  Result nf = Run({"song", "ffffff"});
  EXPECT_EQ(nf.exit_code, 1);
  EXPECT_NE(nf.err.find("NOT_FOUND: no song with id ffffff"), std::string::npos) << nf.err;
}

TEST_F(LsctlServer, PlaySendsTheRequestAndPrintsThePlayback) {
  Result r = Run({"play", "3f2a9c1b7e4d", "--agents", "porch,tree", "--lead-ms", "500",
                  "--offset-ms", "-20"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto req = server_.service().last_play();
  EXPECT_EQ(req.song_id(), "3f2a9c1b7e4d");
  EXPECT_EQ(std::vector<std::string>(req.agent_ids().begin(), req.agent_ids().end()),
            (std::vector<std::string>{"porch", "tree"}));
  EXPECT_EQ(req.lead_ms(), 500);
  EXPECT_EQ(req.offset_ms(), -20);
  EXPECT_NE(r.out.find("play    play-7"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("agents  porch, tree"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("frames  5 × 10.0 ms = 0:00.1"), std::string::npos) << r.out;

  const auto j = Json(Run({"--json", "play", "3f2a9c1b7e4d"}));
  EXPECT_TRUE(server_.service().last_play().agent_ids().empty()) << "--agents all = empty list";
  EXPECT_EQ(j["play"]["play_id"], "play-7");
  EXPECT_EQ(j["play"]["frame_count"], 5);
  EXPECT_TRUE(j["play"]["start"]["unix_ns"].is_number_integer());
}

TEST_F(LsctlServer, PlayWaitFollowsTheShowToTheEnd) {
  Result r = Run({"play", "3f2a9c1b7e4d", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("scheduled  0:00.0 / 0:00.1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("finished  0:00.1 / 0:00.1  ○○○○○○○○  jingle.wav  agents: porch, tree"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("show finished\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\r'), std::string::npos) << "no in-place redraws off a terminal";
  const auto calls = server_.service().calls();
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1].method, "WatchShow");
  EXPECT_GT(calls[1].deadline_s, 30.0) << "watch outlives the show plus slack";
  EXPECT_LT(calls[1].deadline_s, 120.0);
}

TEST_F(LsctlServer, PlayWaitOnATerminalRedrawsOneLineWithLights) {
  Result r = Run({"play", "3f2a9c1b7e4d", "--wait"}, /*tty=*/true);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\rplaying  0:00.0 / 0:00.1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("●○○○○○○●"), std::string::npos) << r.out;  // mask 0x81
  EXPECT_NE(r.out.find("\rfinished"), std::string::npos) << r.out;
}

TEST_F(LsctlServer, PlayWaitJsonHasPlayAndFinalStatus) {
  Result r = Run({"--json", "play", "3f2a9c1b7e4d", "--wait"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = Json(r);
  EXPECT_EQ(j["play"]["play_id"], "play-7");
  EXPECT_EQ(j["status"]["state"], "FINISHED");
  EXPECT_EQ(j["status"]["frame_count"], 5);
  EXPECT_FALSE(j.contains("error"));
}

TEST_F(LsctlServer, PlayWaitStreamFailureExitsOne) {
  Result r = Run({"play", "broken", "--wait"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("lsctl: error: INTERNAL: show state lost"), std::string::npos) << r.err;
  Result j = Run({"--json", "play", "broken", "--wait"});
  EXPECT_EQ(j.exit_code, 1);
  const auto doc = Json(j);
  EXPECT_EQ(doc["error"]["code"], "INTERNAL");
  EXPECT_EQ(doc["status"]["state"], "PLAYING");
}

TEST_F(LsctlServer, PlayUnknownSongIsNotFound) {
  Result r = Run({"play", "missing"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("lsctl: error: NOT_FOUND: no song with id missing"), std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(LsctlServer, StopOneOrAll) {
  Result one = Run({"stop", "play-7"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(server_.service().last_stop(), "play-7");
  EXPECT_EQ(one.out, "stopped 1 show\n");
  const auto j = Json(Run({"--json", "stop"}));
  EXPECT_EQ(server_.service().last_stop(), "");
  EXPECT_EQ(j, nlohmann::json({{"stopped", 2}}));
}

TEST_F(LsctlServer, AgentsTableAndJson) {
  Result r = Run({"agents"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("porch"), std::string::npos);
  EXPECT_NE(r.out.find("ipv4:192.168.1.20:51234"), std::string::npos);
  const auto j = Json(Run({"--json", "agents"}));
  ASSERT_EQ(j["agents"].size(), 2u);
  EXPECT_EQ(j["agents"][0]["connected"], true);
  EXPECT_EQ(j["agents"][0]["rtt_ns"], 2400000);
  EXPECT_EQ(j["agents"][1]["connected"], false);
  EXPECT_EQ(j["agents"][1]["frames_applied"], 0);  // defaults present
}

TEST_F(LsctlServer, WatchFollowsTheLatestPlayback) {
  Result r = Run({"--json", "watch"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json(r)["status"]["state"], "FINISHED");
}

}  // namespace
}  // namespace ls::cli
