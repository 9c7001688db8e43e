// Serving learned shows and classifiers with the real binaries: the render
// profile chosen at activation, damaged model files found at start (and at use), clip
// classifier jobs resumed from their checkpoint after kill -9, and refused
// classification requests that store nothing (not even the manifest's files).
#include <signal.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <random>

#include "audio/encode.h"
#include "gtest/gtest.h"
#include "cluster.h"
#include "stream_rig.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// "CODE: message" of a failed lsctl --json run.
std::string ErrorOf(StreamRig& rig, const std::vector<std::string>& args) {
  int code = 0;
  json j = rig.LsctlJson(args, &code);
  EXPECT_NE(code, 0) << j.dump();
  if (!j.contains("error")) return j.dump();
  const std::string c = j["error"].value("code", ""), msg = j["error"].value("message", "");
  return msg.rfind(c + ": ", 0) == 0 ? msg : c + ": " + msg;
}

json Model(StreamRig& rig, const std::string& id) {
  const json all = rig.LsctlJson({"models"});
  for (const auto& m : all["models"]) {
    if (m["id"] == id) return m;
  }
  return json::object();
}

std::string TrainAutoencoder(StreamRig& rig) {
  auto r = rig.Lsctl({"--json", "train", "autoencoder", "--epochs", "2", "--hidden", "64", "--follow"}, 120);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err << rig.server_log();
  return json::parse(r.out)["job"].value("model_id", "");
}

// Waits until every song's show comes from `model` and differs from `old`.
void WaitRendered(StreamRig& rig, const std::vector<std::string>& songs, const std::string& model,
                  const std::map<std::string, std::string>& old = {}) {
  for (const auto& id : songs) {
    ASSERT_TRUE(WaitFor([&] {
      json show = rig.LsctlJson({"song", id})["show"];
      auto it = old.find(id);
      return show.value("renderer", "") == model && (it == old.end() || show.value("id", "") != it->second);
    }, 30s)) << rig.server_log();
  }
}

struct ShowFigures {
  double shortest_dwell_ms = 1e9;  // over channels that toggle
  double toggles_per_s = 0;        // summed over channels
  double max_toggles_per_s = 0;
};

ShowFigures Figures(const json& report) {
  ShowFigures f;
  for (const auto& c : report["channels"]) {
    const double dwell = c.value("shortest_dwell_ms", 0.0), t = c.value("toggles_per_s", 0.0);
    if (dwell > 0) f.shortest_dwell_ms = std::min(f.shortest_dwell_ms, dwell);
    f.toggles_per_s += t;
    f.max_toggles_per_s = std::max(f.max_toggles_per_s, t);
  }
  return f;
}

TEST(Serving, SsrProfileRendersFasterThanRelayAndIsKept) {
  StreamRig rig;
  std::vector<std::string> songs;
  for (uint32_t seed : {1u, 2u, 3u}) songs.push_back(rig.SubmitTune(10.0, seed)["id"].get<std::string>());
  const std::string model = TrainAutoencoder(rig);
  ASSERT_FALSE(model.empty());

  // Default: relay, and the relay rules hold.
  json act = rig.LsctlJson({"activate", model});
  EXPECT_EQ(act["model"]["profile"], "relay") << act.dump();
  WaitRendered(rig, songs, model);
  std::map<std::string, std::string> relay_shows;
  for (const auto& id : songs) relay_shows[id] = rig.LsctlJson({"song", id})["show"]["id"];
  json relay = rig.LsctlJson({"report", songs[0]});
  EXPECT_EQ(relay["profile"], "relay") << relay.dump();
  EXPECT_EQ(relay["min_dwell_ms"], 125.0);
  for (const auto& c : relay["channels"]) {
    const double dwell = c.value("shortest_dwell_ms", 0.0);
    EXPECT_TRUE(dwell == 0 || dwell >= 60) << c.dump();
    EXPECT_LE(c.value("toggles_per_s", 0.0), 8.0) << c.dump();
  }

  ASSERT_TRUE(rig.Lsctl({"activate", model, "--profile", "ssr"}).exit_code == 0);
  WaitRendered(rig, songs, model, relay_shows);
  json ssr = rig.LsctlJson({"report", songs[0]});
  EXPECT_EQ(ssr["profile"], "ssr") << ssr.dump();
  EXPECT_EQ(ssr["min_dwell_ms"], 30.0);
  const ShowFigures r = Figures(relay), s = Figures(ssr);
  std::cout << "relay: shortest dwell " << r.shortest_dwell_ms << " ms, " << r.toggles_per_s
            << " toggles/s over 8 channels (max " << r.max_toggles_per_s << "); ssr: " << s.shortest_dwell_ms
            << " ms, " << s.toggles_per_s << " toggles/s (max " << s.max_toggles_per_s << ")\n";
  EXPECT_LT(s.shortest_dwell_ms, r.shortest_dwell_ms) << relay.dump() << "\n" << ssr.dump();
  EXPECT_GT(s.toggles_per_s, r.toggles_per_s) << relay.dump() << "\n" << ssr.dump();
  // Changes follow beats and accents now, so ssr runs need not be shorter than
  // a relay could switch; they keep the profile's own 30 ms rule.
  EXPECT_GE(s.shortest_dwell_ms, 30.0 - 1e-6);
  // Shown by models and report, human and JSON.
  EXPECT_EQ(Model(rig, model)["profile"], "ssr");
  EXPECT_NE(rig.Lsctl({"models"}).out.find("ssr"), std::string::npos);
  EXPECT_NE(rig.Lsctl({"report", songs[0]}).out.find("profile ssr (dwell >= 30 ms)"), std::string::npos);

  // Bad values name the field and change nothing.
  const std::string before = rig.LsctlJson({"songs"}).dump() + rig.LsctlJson({"models"}).dump();
  EXPECT_EQ(ErrorOf(rig, {"activate", model, "--profile", "fast"}).rfind("INVALID_ARGUMENT: profile", 0), 0u);
  EXPECT_EQ(ErrorOf(rig, {"activate", "bands", "--profile", "ssr"}).rfind("INVALID_ARGUMENT: profile", 0), 0u);
  EXPECT_EQ(rig.LsctlJson({"songs"}).dump() + rig.LsctlJson({"models"}).dump(), before);

  // Persisted with the activation: a restart keeps rendering with ssr.
  rig.KillServer(SIGTERM);
  rig.RestartServer();
  EXPECT_EQ(Model(rig, model)["profile"], "ssr");
  const std::string fresh = rig.SubmitTune(10.0, 9)["id"];
  json show = rig.LsctlJson({"song", fresh})["show"];
  EXPECT_EQ(show["renderer"], model);
  EXPECT_EQ(rig.LsctlJson({"report", fresh})["profile"], "ssr");

  // Back to relay: the relay shows (same ids as before) come back.
  ASSERT_EQ(rig.Lsctl({"activate", model, "--profile", "relay"}).exit_code, 0);
  for (const auto& id : songs) {
    ASSERT_TRUE(WaitFor([&] { return rig.LsctlJson({"song", id})["show"].value("id", "") == relay_shows[id]; }, 30s));
  }
}

void Corrupt(const std::string& path, bool truncate) {
  std::string bytes = ReadAll(path);
  ASSERT_GT(bytes.size(), 100u) << path;
  if (truncate) {
    bytes.resize(bytes.size() / 2);
  } else {
    for (size_t i = bytes.size() / 2; i < bytes.size() / 2 + 8; ++i) bytes[i] = static_cast<char>(~bytes[i]);
  }
  WriteAll(path, bytes);
}

TEST(Serving, DamagedModelFilesAreMarkedBrokenAtStartAndTheRestWorks) {
  StreamRig rig;
  std::vector<std::string> songs;
  for (uint32_t seed : {4u, 5u, 6u}) songs.push_back(rig.SubmitTune(14.0, seed)["id"].get<std::string>());
  const std::string damaged = TrainAutoencoder(rig), healthy = TrainAutoencoder(rig), later = TrainAutoencoder(rig);
  // The reference detector's "last 10 s" labels give these tunes (no quiet tail) two classes.
  auto end = rig.Lsctl({"--json", "train", "end-detector", "--arch", "reference", "--follow"}, 120);
  ASSERT_EQ(end.exit_code, 0) << end.err;
  const std::string end_model = json::parse(end.out)["job"]["model_id"];
  ASSERT_FALSE(damaged.empty());
  ASSERT_FALSE(healthy.empty());
  ASSERT_EQ(rig.Lsctl({"activate", damaged}).exit_code, 0);
  WaitRendered(rig, songs, damaged);

  rig.KillServer(SIGKILL);
  Corrupt(rig.data_dir() + "/models/" + damaged + ".lsnn", /*truncate=*/false);  // flipped bytes
  Corrupt(rig.data_dir() + "/models/" + end_model + ".lsend", /*truncate=*/true);
  // What must not change: songs, shows, jobs and the rest of each model row.
  auto without_status = [](json models) {
    for (auto& m : models["models"]) {
      m.erase("status");
      m.erase("message");
    }
    return models.dump();
  };
  rig.RestartServer();
  const std::string songs_after = rig.LsctlJson({"songs"}).dump(), jobs_after = rig.LsctlJson({"jobs"}).dump();

  json bad = Model(rig, damaged), bad_end = Model(rig, end_model), good = Model(rig, healthy);
  EXPECT_EQ(bad["status"], "broken") << bad.dump();
  EXPECT_FALSE(bad.value("message", "").empty());
  EXPECT_EQ(bad_end["status"], "broken") << bad_end.dump();
  EXPECT_EQ(good.value("status", ""), "ok") << good.dump();
  EXPECT_NE(rig.Lsctl({"models"}).out.find("broken: " + bad["message"].get<std::string>()), std::string::npos);
  EXPECT_NE(rig.server_log().find("model " + damaged + " is broken"), std::string::npos);

  const std::string models_after = without_status(rig.LsctlJson({"models"}));
  const std::string act = ErrorOf(rig, {"activate", damaged});
  EXPECT_EQ(act.rfind("FAILED_PRECONDITION", 0), 0u) << act;
  EXPECT_NE(act.find(damaged), std::string::npos) << act;
  EXPECT_NE(act.find(bad["message"].get<std::string>()), std::string::npos) << act;
  const std::string cls = ErrorOf(rig, {"classify", songs[0], "--model", end_model});
  EXPECT_EQ(cls.rfind("FAILED_PRECONDITION", 0), 0u) << cls;
  EXPECT_NE(cls.find(end_model), std::string::npos) << cls;
  EXPECT_NE(cls.find(bad_end["message"].get<std::string>()), std::string::npos) << cls;
  // Nothing else changed by the refusals.
  EXPECT_EQ(rig.LsctlJson({"songs"}).dump(), songs_after);
  EXPECT_EQ(rig.LsctlJson({"jobs"}).dump(), jobs_after);
  EXPECT_EQ(without_status(rig.LsctlJson({"models"})), models_after);
  // Its shows stay playable and reportable (without the model's MSE).
  json old_rep = rig.LsctlJson({"report", songs[0]});
  EXPECT_EQ(old_rep["renderer"], damaged) << old_rep.dump();
  EXPECT_EQ(old_rep["channels"].size(), 8u);
  // Damaged while the server runs: found when it is loaded for use.
  Corrupt(rig.data_dir() + "/models/" + later + ".lsnn", /*truncate=*/true);
  const std::string use = ErrorOf(rig, {"activate", later});
  EXPECT_EQ(use.rfind("FAILED_PRECONDITION", 0), 0u) << use;
  EXPECT_NE(use.find(later + " is broken"), std::string::npos) << use;
  EXPECT_EQ(Model(rig, later)["status"], "broken");
  // A new song renders with the bands (the active model is broken); the other model still works.
  const std::string fresh = rig.SubmitTune(6.0, 11)["id"];
  EXPECT_EQ(rig.LsctlJson({"song", fresh})["show"]["renderer"], "bands");
  ASSERT_EQ(rig.Lsctl({"activate", healthy}).exit_code, 0);
  WaitRendered(rig, songs, healthy);
  json rep = rig.LsctlJson({"report", songs[1]});
  EXPECT_EQ(rep["renderer"], healthy) << rep.dump();
  EXPECT_GT(rep.value("model_mse", 0.0), 0);
}

void WriteNoise(const std::string& path, double seconds, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> n(0, 0.15f);
  std::vector<float> x(static_cast<size_t>(seconds * 44100));
  for (auto& v : x) v = n(rng);
  auto bytes = audio::EncodeAudio(x, 1, 44100, audio::Format::kWavPcm16);
  ASSERT_TRUE(bytes.ok());
  WriteAll(path, *bytes);
}

// Manifest of `n` tunes (label tune) and `n` noises (label noise) under dir.
std::string WriteManifest(StreamRig& rig, int n, double seconds) {
  std::string text = "path_or_song,label\n";
  for (int i = 0; i < n; ++i) {
    const std::string t = rig.dir().File("tune" + std::to_string(i) + ".wav");
    const std::string z = rig.dir().File("noise" + std::to_string(i) + ".wav");
    WriteTune(t, seconds, 20 + i);
    WriteNoise(z, seconds, 40 + i);
    text += t + ",tune\n" + z + ",noise\n";
  }
  WriteAll(rig.dir().File("manifest.csv"), text);
  return rig.dir().File("manifest.csv");
}

json Job(StreamRig& rig, const std::string& id) {
  json j = rig.LsctlJson({"job", id});
  return j.contains("job") ? j["job"] : json::object();
}

TEST(Serving, ClassifierJobResumesFromItsCheckpointAfterKill9) {
  StreamRig rig;
  const std::string manifest = WriteManifest(rig, 4, 8.0);
  constexpr int kEpochs = 400;
  json started = rig.LsctlJson({"train", "classifier", "--manifest", manifest, "--arch", "mlp", "--clip-s", "1",
                                "--epochs", std::to_string(kEpochs)});
  ASSERT_TRUE(started.contains("job")) << started.dump();
  const std::string id = started["job"]["id"];
  int at_kill = 0;
  ASSERT_TRUE(WaitFor([&] {
    at_kill = Job(rig, id).value("epoch", 0);
    return at_kill >= 3;
  }, 60s)) << rig.server_log();
  rig.KillServer(SIGKILL);
  ASSERT_LT(at_kill, kEpochs - 20) << "training finished too fast to test a resume";
  // The last checkpoint on disk is at least the epoch reported before the kill.
  rig.RestartServer();
  json done;
  ASSERT_TRUE(WaitFor([&] {
    done = Job(rig, id);
    return done.value("state", "") == "succeeded" || done.value("state", "") == "failed";
  }, 120s)) << done.dump() << rig.server_log();
  EXPECT_EQ(done["state"], "succeeded") << done.dump();
  EXPECT_EQ(done["epoch"], kEpochs);
  std::cout << "killed at epoch " << at_kill << " of " << kEpochs << ", resumed from epoch "
            << done.value("resumed_from_epoch", 0) << "\n";
  EXPECT_GE(done.value("resumed_from_epoch", 0), at_kill) << done.dump();
  EXPECT_LT(done.value("resumed_from_epoch", 0), kEpochs) << done.dump();
  EXPECT_EQ(done.value("message", "").find("fresh optimizer moments"), std::string::npos) << done.dump();
  // The resumed model works.
  const std::string model = done["model_id"];
  json k = rig.LsctlJson({"classify", rig.dir().File("noise0.wav"), "--model", model});
  EXPECT_EQ(k["classify"]["model_id"], model) << k.dump();
}

TEST(Serving, RefusedClassificationRequestsUploadNothing) {
  StreamRig rig;
  const std::string stored = rig.SubmitTune(4.0, 3)["id"];
  const std::string a = rig.dir().File("a.wav"), b = rig.dir().File("b.wav"), text = rig.dir().File("notes.wav");
  WriteTune(a, 4.0, 5);
  WriteNoise(b, 4.0, 6);
  WriteAll(text, "these are not audio samples, just a text file with a .wav name\n");
  auto csv = [&](const std::string& name, const std::string& body) {
    WriteAll(rig.dir().File(name), body);
    return rig.dir().File(name);
  };
  const std::string two = csv("two.csv", a + ",tune\n" + b + ",noise\n");
  const std::string before = rig.LsctlJson({"songs"}).dump() + rig.LsctlJson({"jobs"}).dump();
  ASSERT_EQ(rig.LsctlJson({"songs"})["songs"].size(), 1u);
  struct Case {
    std::vector<std::string> args;
    std::string want;
  };
  const std::vector<Case> cases = {
      {{"train", "classifier", "--clip-s", "5", "--manifest", two},
       "INVALID_ARGUMENT: manifest row 1: " + a + " (4.00 s) is shorter than one clip"},
      {{"train", "classifier", "--clip-s", "2", "--manifest", csv("unknown.csv", a + ",tune\nfedcba987654,noise\n")},
       "NOT_FOUND: manifest row 2: "},
      {{"train", "classifier", "--clip-s", "2", "--arch", "svm", "--manifest", two}, "INVALID_ARGUMENT: arch: "},
      {{"train", "classifier", "--clip-s", "2", "--epochs", "0", "--manifest", two}, "INVALID_ARGUMENT: epochs: "},
      {{"train", "classifier", "--clip-s", "2", "--arch", "cnn1d", "--manifest", two}, "INVALID_ARGUMENT: clip_s: "},
      {{"train", "classifier", "--clip-s", "2", "--manifest", csv("text.csv", a + ",tune\n" + text + ",noise\n")},
       "INVALID_ARGUMENT: manifest row 2: " + text + ": not audio"},
      {{"train", "classifier", "--clip-s", "2", "--manifest", csv("twice.csv", a + ",tune\n" + a + ",noise\n")},
       "INVALID_ARGUMENT: manifest row 2: " + a + " is already labelled 'tune'"},
      {{"train", "classifier", "--clip-s", "2", "--manifest", csv("one.csv", a + ",tune\n" + b + ",tune\n")},
       "INVALID_ARGUMENT: manifest: every row has the label 'tune'"},
      {{"train", "end-detector", "--labels", csv("late.csv", "song,end_s\n" + a + ",9.5\n")},
       "INVALID_ARGUMENT: labels row 2: end_s 9.5 is outside " + a},
      {{"train", "end-detector", "--songs", stored, "--labels", csv("other.csv", b + ",1.0\n")},
       "INVALID_ARGUMENT: labels row 1: " + b + " is not among the training songs"},
      {{"classify", a, "--model", "no-such-model"}, "NOT_FOUND: model: no model with id 'no-such-model'"},
      {{"classify", a, "--model", "classifier"}, "NOT_FOUND: model: no classifier model yet"},
      {{"classify", text, "--model", "end"}, "INVALID_ARGUMENT: song: " + text + ": not audio"},
  };
  for (const auto& k : cases) {
    const std::string got = ErrorOf(rig, k.args);
    EXPECT_EQ(got.rfind(k.want, 0), 0u) << "args: " << k.args.back() << "\ngot:  " << got << "\nwant: " << k.want;
    EXPECT_EQ(rig.LsctlJson({"songs"}).dump() + rig.LsctlJson({"jobs"}).dump(), before) << k.args.back();
  }
  EXPECT_EQ(rig.LsctlJson({"songs"})["songs"].size(), 1u);
  // The same files in a good request are uploaded and trained on.
  auto ok = rig.Lsctl({"--json", "train", "classifier", "--clip-s", "2", "--epochs", "2", "--manifest", two,
                       "--follow"}, 120);
  ASSERT_EQ(ok.exit_code, 0) << ok.out << ok.err << rig.server_log();
  EXPECT_EQ(json::parse(ok.out)["job"]["state"], "succeeded") << ok.out;
  EXPECT_EQ(rig.LsctlJson({"songs"})["songs"].size(), 3u);
  // A local file shorter than one of the model's clips is refused before it goes up.
  const std::string shorter = rig.dir().File("short.wav");
  WriteNoise(shorter, 1.0, 8);
  const std::string got = ErrorOf(rig, {"classify", shorter, "--model", "classifier"});
  EXPECT_EQ(got.rfind("INVALID_ARGUMENT: song: 1.00 s is shorter than one clip", 0), 0u) << got;
  EXPECT_EQ(rig.LsctlJson({"songs"})["songs"].size(), 3u);
}

}  // namespace
}  // namespace ls::it
