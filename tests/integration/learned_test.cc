// Learned light shows end to end with the real binaries: train an
// autoencoder on synthesized tunes, activate it, report, play; bad input;
// a training job resumes from its checkpoint after kill -9.
#include <signal.h>

#include <thread>

#include "gtest/gtest.h"
#include "stream_rig.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

json Job(StreamRig& rig, const std::string& id) {
  json j = rig.LsctlJson({"job", id});
  return j.contains("job") ? j["job"] : json::object();
}

std::string ErrorCode(StreamRig& rig, const std::vector<std::string>& args) {
  int code = 0;
  json j = rig.LsctlJson(args, &code);
  EXPECT_NE(code, 0);
  if (!j.contains("error")) return j.dump();
  // lsctl's message already starts with "CODE: ".
  const std::string codename = j["error"].value("code", ""), msg = j["error"].value("message", "");
  return msg.rfind(codename + ": ", 0) == 0 ? msg : codename + ": " + msg;
}

void ExpectError(StreamRig& rig, const std::vector<std::string>& args, const std::string& prefix) {
  const std::string got = ErrorCode(rig, args);
  EXPECT_EQ(got.rfind(prefix, 0), 0u) << "got: " << got;
}

TEST(LearnedShows, TrainActivateReportPlay) {
  StreamRig rig;
  std::vector<std::string> songs;
  for (uint32_t seed : {1u, 2u, 3u}) songs.push_back(rig.SubmitTune(8.0, seed)["id"].get<std::string>());

  auto train = rig.Lsctl({"--json", "train", "autoencoder", "--epochs", "3", "--follow"}, 120);
  ASSERT_EQ(train.exit_code, 0) << train.out << train.err << rig.server_log();
  json job = json::parse(train.out)["job"];
  EXPECT_EQ(job["state"], "succeeded");
  EXPECT_EQ(job["epoch"], 3);
  // The job tells how fast it trained: "<frames> training frames, <rate> samples/s".
  EXPECT_NE(job.value("message", "").find(" samples/s"), std::string::npos) << job.dump();
  const std::string model = job["model_id"].get<std::string>();
  ASSERT_FALSE(model.empty());

  json models = rig.LsctlJson({"models"});
  ASSERT_EQ(models["models"].size(), 1u) << models.dump();
  EXPECT_EQ(models["models"][0]["id"], model);
  EXPECT_EQ(models["models"][0]["train_songs"], 2);  // validation by song: 2 + 1
  EXPECT_EQ(models["models"][0]["val_songs"], 1);
  EXPECT_GT(models["models"][0]["pca_val_mse"].get<double>(), 0);

  json act = rig.LsctlJson({"activate", model});
  EXPECT_EQ(act["shows_queued"], 3) << act.dump();
  // Re-renders run in the background: wait until every song shows the model.
  for (const auto& id : songs) {
    ASSERT_TRUE(WaitFor([&] { return rig.LsctlJson({"song", id})["show"].value("renderer", "") == model; }, 30s))
        << rig.server_log();
  }

  const std::string svg = rig.dir().File("report.svg");
  json rep = rig.LsctlJson({"report", songs[0].substr(0, 12), "--svg", svg});
  ASSERT_EQ(rep["renderer"], model) << rep.dump();
  ASSERT_EQ(rep["channels"].size(), 8u);
  EXPECT_EQ(rep["dead_channels"], 0) << rep.dump();
  for (const auto& c : rep["channels"]) {
    EXPECT_GE(c["duty"].get<double>(), 0.05) << c.dump();
    EXPECT_LE(c["duty"].get<double>(), 0.95) << c.dump();
    EXPECT_LE(c["toggles_per_s"].get<double>(), 8.0) << c.dump();
    const double dwell = c["shortest_dwell_ms"].get<double>();
    EXPECT_TRUE(dwell == 0 || dwell >= 60) << c.dump();
  }
  EXPECT_GT(rep["model_mse"].get<double>(), 0);
  EXPECT_GT(rep["pca_mse"].get<double>(), 0);
  EXPECT_NEAR(rep["duration_s"].get<double>(), 8.0, 0.1);
  EXPECT_NE(ReadAll(svg).find("<svg"), std::string::npos);
  EXPECT_NE(ReadAll(svg).find(">beats</text>"), std::string::npos);
  // The tune's music analysis (120 BPM), and the learned show graded by the
  // independent judge: its changes land on the beat well above chance and the
  // relay rules hold.
  ASSERT_TRUE(rep.contains("analysis")) << rep.dump();
  EXPECT_TRUE(rep["analysis"]["steady_beat"].get<bool>()) << rep["analysis"].dump();
  EXPECT_NEAR(rep["analysis"]["bpm"].get<double>(), 120, 3);
  ASSERT_TRUE(rep.contains("quality")) << rep.dump();
  EXPECT_GT(rep["quality"]["beat_lift"].get<double>(), 1.5) << rep["quality"].dump();
  EXPECT_TRUE(rep["quality"]["relay_ok"].get<bool>()) << rep["quality"].dump();
  json song = rig.LsctlJson({"song", songs[0]});
  EXPECT_GE(song["analysis"]["beats_s"].size(), 10u) << song.dump();
  EXPECT_TRUE(song["analysis"]["loudness_db"].empty()) << "per-frame loudness stays out of the JSON";

  // Playing uses the learned show.
  rig.StartAgent("porch");
  auto play = rig.Lsctl({"play", songs[0].substr(0, 12), "--wait"}, 60);
  ASSERT_EQ(play.exit_code, 0) << play.out << play.err;
  const std::string show_id = rig.LsctlJson({"song", songs[0]})["show"]["id"].get<std::string>();
  const std::string masks = rig.ShowMasks(show_id);
  ASSERT_TRUE(WaitFor([&] {
    auto rows = ReadSim(rig.SimPath("porch"));
    return !rows.empty() && rows.back().frame == -1 && rows.size() > masks.size() / 2;
  }, 20s));
  int lit = 0;
  for (const auto& r : ReadSim(rig.SimPath("porch"))) {
    if (r.frame >= 0) {
      ASSERT_LT(r.frame, static_cast<long>(masks.size()));
      EXPECT_EQ(r.mask, static_cast<uint8_t>(masks[r.frame])) << r.frame;
      lit += r.mask != 0;
    }
  }
  EXPECT_GT(lit, 0);

  // Bad input names the field; cancelling a finished job is refused.
  ExpectError(rig, {"train", "autoencoder", "--epochs", "0"}, "INVALID_ARGUMENT: epochs");
  ExpectError(rig, {"train", "autoencoder", "--bottleneck", "0"}, "INVALID_ARGUMENT: bottleneck");
  ExpectError(rig, {"train", "autoencoder", "--bottleneck", "65"}, "INVALID_ARGUMENT: bottleneck");
  ExpectError(rig, {"train", "autoencoder", "--batch", "0"}, "INVALID_ARGUMENT: batch");
  ExpectError(rig, {"train", "autoencoder", "--sparse=-1"}, "INVALID_ARGUMENT: sparse");
  ExpectError(rig, {"train", "autoencoder", "--denoise", "1"}, "INVALID_ARGUMENT: denoise");
  ExpectError(rig, {"train", "autoencoder", "--songs", "deadbeef00"}, "INVALID_ARGUMENT: songs");
  ExpectError(rig, {"activate", "dense-99"}, "NOT_FOUND");
  ExpectError(rig, {"cancel", job["id"].get<std::string>()}, "FAILED_PRECONDITION");
}

TEST(LearnedShows, NoSongsIsInvalidArgument) {
  StreamRig rig;
  ExpectError(rig, {"train", "autoencoder"}, "INVALID_ARGUMENT: songs");
}

TEST(LearnedShows, TrainingResumesFromItsCheckpointAfterKill9) {
  StreamRig rig;
  for (uint32_t seed : {4u, 5u, 6u}) rig.SubmitTune(10.0, seed);
  // Wide layers and many epochs: long enough to be killed mid-run.
  json started = rig.LsctlJson({"train", "autoencoder", "--epochs", "60", "--hidden", "1024,256"});
  const std::string id = started["job"]["id"].get<std::string>();
  int at_kill = 0;
  ASSERT_TRUE(WaitFor([&] {
    json j = Job(rig, id);
    at_kill = j.value("epoch", 0);
    return at_kill >= 2;
  }, 60s)) << rig.server_log();
  ASSERT_LT(at_kill, 50) << "training finished too fast to test a resume";
  rig.KillServer(SIGKILL);
  rig.RestartServer();
  json done;
  ASSERT_TRUE(WaitFor([&] {
    done = Job(rig, id);
    return done.value("state", "") == "succeeded" || done.value("state", "") == "failed";
  }, 90s)) << done.dump() << rig.server_log();
  EXPECT_EQ(done["state"], "succeeded") << done.dump();
  EXPECT_EQ(done["epoch"], 60);
  // Resumed from the last checkpoint: at or just after the epoch seen before the kill.
  EXPECT_GE(done["resumed_from_epoch"].get<int>(), at_kill);
  EXPECT_LE(done["resumed_from_epoch"].get<int>(), at_kill + 2);
  // Adam's moments came back with the weights.
  EXPECT_EQ(done.value("message", "").find("fresh optimizer moments"), std::string::npos) << done.dump();
  EXPECT_FALSE(done["model_id"].get<std::string>().empty());
}

TEST(LearnedShows, ReRendersAnActivationLeftUndoneResumeAtTheNextStart) {
  StreamRig rig;
  std::vector<std::string> songs;
  for (uint32_t seed = 11; seed < 17; ++seed) songs.push_back(rig.SubmitTune(12.0, seed)["id"].get<std::string>());
  auto train = rig.Lsctl({"--json", "train", "autoencoder", "--epochs", "1", "--follow"}, 120);
  ASSERT_EQ(train.exit_code, 0) << train.out << train.err << rig.server_log();
  const std::string model = json::parse(train.out)["job"]["model_id"].get<std::string>();
  json act = rig.LsctlJson({"activate", model});
  ASSERT_EQ(act["shows_queued"], 6) << act.dump();
  // Killed at once: the re-renders queued behind the first one never ran.
  rig.KillServer(SIGKILL);
  rig.RestartServer();
  for (const auto& id : songs) {
    ASSERT_TRUE(WaitFor([&] { return rig.LsctlJson({"song", id})["show"].value("renderer", "") == model; }, 60s))
        << id << rig.server_log();
  }
  // The restart found them out of date (not a vacuous pass: some were left).
  const std::string log = rig.server_log();
  const size_t at = log.find("re-rendering ");
  ASSERT_NE(at, std::string::npos) << log;
  EXPECT_GE(std::stoi(log.substr(at + 13)), 1) << log.substr(at, 120);
}

}  // namespace
}  // namespace ls::it
