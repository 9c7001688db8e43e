// lsctl rm end to end: refused while the song plays or a job uses it (and
// then nothing is deleted), otherwise rows and blobs go; a kill -9 inside the
// delete leaves a consistent catalog after the restart.
#include <signal.h>

#include <filesystem>
#include <set>

#include "cluster.h"
#include "gtest/gtest.h"
#include "harness.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

std::set<std::string> SongIds(Cluster& c) {
  std::set<std::string> out;
  auto j = c.LsctlJson({"songs"});
  for (const auto& s : j["songs"]) out.insert(s["id"].get<std::string>());
  return out;
}

std::string ShowId(Cluster& c, const std::string& id) {
  return c.LsctlJson({"song", id})["show"]["id"].get<std::string>();
}

TEST(DeleteSongs, RefusedWhilePlayingOrInAJobOtherwiseRowsAndBlobsGo) {
  Cluster c;
  c.StartAgent("porch", c.dir().File("lights.csv"));
  WriteTune(c.dir().File("a.wav"), 8.0, 1);
  WriteTune(c.dir().File("b.wav"), 3.0, 2);
  const std::string a = c.LsctlJson({"submit", c.dir().File("a.wav")})["songs"][0]["id"];
  const std::string b = c.LsctlJson({"submit", c.dir().File("b.wav")})["songs"][0]["id"];
  const std::string a_show = ShowId(c, a);

  ASSERT_EQ(c.Lsctl({"play", a, "--no-audio"}).exit_code, 0);
  auto playing = c.Lsctl({"rm", b, a});
  EXPECT_NE(playing.exit_code, 0);
  EXPECT_NE(playing.err.find("cannot be deleted: it is playing"), std::string::npos) << playing.err;
  EXPECT_EQ(SongIds(c), (std::set<std::string>{a, b})) << "a refused rm must delete nothing";

  ASSERT_EQ(c.Lsctl({"stop"}).exit_code, 0);
  auto gone = c.LsctlJson({"rm", a.substr(0, 8)});
  ASSERT_EQ(gone["deleted"].size(), 1u) << gone.dump();
  EXPECT_EQ(SongIds(c), std::set<std::string>{b});
  EXPECT_FALSE(fs::exists(c.data_dir() + "/blobs/songs/" + a));
  EXPECT_FALSE(fs::exists(c.data_dir() + "/blobs/shows/" + a_show));
  auto again = c.Lsctl({"rm", a});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("no song with id"), std::string::npos) << again.err;

  // A training job on b holds it until the job ends.
  auto job = c.LsctlJson({"train", "autoencoder", "--songs", b, "--epochs", "5000"});
  const std::string job_id = job["job"]["id"].get<std::string>();
  const std::string state = job["job"]["state"].get<std::string>();
  EXPECT_TRUE(state == "queued" || state == "running") << "the state as `lsctl jobs` spells it: " << state;
  auto busy = c.Lsctl({"rm", b});
  EXPECT_NE(busy.exit_code, 0);
  EXPECT_NE(busy.err.find("job " + job_id), std::string::npos) << busy.err;
  ASSERT_EQ(c.Lsctl({"cancel", job_id}).exit_code, 0);
  ASSERT_TRUE(WaitFor([&] { return c.LsctlJson({"job", job_id})["job"]["state"] == "CANCELLED" ||
                                   c.LsctlJson({"job", job_id})["job"]["state"] == "cancelled"; },
                      30s));
  EXPECT_EQ(c.Lsctl({"rm", b}).exit_code, 0);
  EXPECT_TRUE(SongIds(c).empty());
}

TEST(DeleteModelsAndJobs, ActiveModelRefusedOthersGoAndPruneKeepsIdsUnique) {
  Cluster c;
  WriteTune(c.dir().File("a.wav"), 4.0, 4);
  ASSERT_EQ(c.Lsctl({"submit", c.dir().File("a.wav")}).exit_code, 0);
  auto first = c.Lsctl({"--json", "train", "autoencoder", "--epochs", "1", "--hidden", "16", "--follow"}, 120);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto second = c.Lsctl({"--json", "train", "autoencoder", "--epochs", "1", "--hidden", "16", "--follow"}, 120);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  auto models = c.LsctlJson({"models"});
  ASSERT_EQ(models["models"].size(), 2u) << models.dump();
  const std::string newest = models["models"][0]["id"], oldest = models["models"][1]["id"];
  ASSERT_EQ(c.Lsctl({"activate", newest}).exit_code, 0);

  auto active = c.Lsctl({"models", "rm", newest});
  EXPECT_NE(active.exit_code, 0);
  EXPECT_NE(active.err.find("model " + newest + " is the active model"), std::string::npos) << active.err;
  auto unknown = c.Lsctl({"models", "rm", "dense-999"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("no model with id 'dense-999'"), std::string::npos) << unknown.err;
  ASSERT_EQ(c.Lsctl({"models", "rm", oldest}).exit_code, 0);
  EXPECT_EQ(c.LsctlJson({"models"})["models"].size(), 1u);
  for (const auto& e : fs::directory_iterator(c.data_dir() + "/models")) {
    EXPECT_NE(e.path().filename().string().rfind(oldest + ".", 0), 0u) << "left behind: " << e.path();
  }

  auto pruned = c.LsctlJson({"jobs", "prune"});
  EXPECT_EQ(pruned["removed"].size(), 2u) << pruned.dump();
  EXPECT_TRUE(c.LsctlJson({"jobs"})["jobs"].empty());
  EXPECT_FALSE(fs::exists(c.data_dir() + "/jobs/job-1"));
  // A pruned job's id (and the model id made from it) is never handed out again.
  auto next = c.LsctlJson({"train", "autoencoder", "--epochs", "1", "--hidden", "16"});
  EXPECT_EQ(next["job"]["id"], "job-3") << next.dump();
}

/// Kill -9 inside the delete, restart on the same data dir: either the song
/// is whole (crash before the commit) or fully gone, blobs included (after).
class DeleteCrash : public ::testing::TestWithParam<const char*> {};

TEST_P(DeleteCrash, RestartLeavesTheCatalogConsistent) {
  const std::string point = GetParam();
  TempDir dir;
  auto start = [&](int gen, const std::vector<std::string>& env, std::string* addr) {
    auto p = std::make_unique<Process>(
        std::vector<std::string>{Bin("lightshow-server"), "--listen", "127.0.0.1:0", "--metrics-listen",
                                 "127.0.0.1:0", "--data-dir", dir.File("data")},
        dir.File("s" + std::to_string(gen) + ".out"), dir.File("s" + std::to_string(gen) + ".err"), env);
    EXPECT_TRUE(WaitFor([&] {
      for (const auto& l : ReadLines(dir.File("s" + std::to_string(gen) + ".out"))) {
        if (l.rfind("listening on ", 0) == 0) *addr = l.substr(13);
      }
      return !addr->empty();
    }, 20s));
    return p;
  };
  std::string addr;
  auto s0 = start(0, {"LIGHTSHOW_TEST_CRASH_AT=" + point}, &addr);
  WriteTune(dir.File("t.wav"), 3.0, 3);
  const std::string id =
      RunLsctlJson(addr, dir.File("data/token"), {"submit", dir.File("t.wav")})["songs"][0]["id"];
  const std::string show = RunLsctlJson(addr, dir.File("data/token"), {"song", id})["show"]["id"];
  EXPECT_NE(RunLsctl(addr, dir.File("data/token"), {"rm", id}).exit_code, 0);
  ASSERT_EQ(s0->Wait(10s), 128 + SIGKILL) << "the server should have died at " << point;

  std::string addr1;
  auto s1 = start(1, {}, &addr1);
  auto songs = RunLsctlJson(addr1, dir.File("data/token"), {"songs"});
  const bool committed = point == "delete_after_commit";
  EXPECT_EQ(songs["songs"].size(), committed ? 0u : 1u) << songs.dump();
  EXPECT_EQ(fs::exists(dir.File("data/blobs/songs/" + id)), !committed);
  EXPECT_EQ(fs::exists(dir.File("data/blobs/shows/" + show)), !committed);
  if (!committed) {
    // The song survived whole: it can still be exported and then deleted.
    EXPECT_EQ(RunLsctl(addr1, dir.File("data/token"), {"export", id, "--fseq", dir.File("t.fseq")}).exit_code, 0);
    EXPECT_EQ(RunLsctl(addr1, dir.File("data/token"), {"rm", id}).exit_code, 0);
    EXPECT_FALSE(fs::exists(dir.File("data/blobs/songs/" + id)));
  }
}

INSTANTIATE_TEST_SUITE_P(Points, DeleteCrash, ::testing::Values("delete_before_commit", "delete_after_commit"));

}  // namespace
}  // namespace ls::it
