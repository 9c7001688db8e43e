// Classification end to end with the real server and lsctl: clip classifiers
// trained on synthetic classes (tone families vs noise colours) must separate
// them; an end-of-song detector trained on songs that fade out vs songs that
// stop at full level must find the fade and call no end on the others, and
// `--trim-end auto` must then use it; bad inputs get their code and change
// nothing.
#include <cmath>
#include <random>

#include "audio/encode.h"
#include "cluster.h"
#include "gtest/gtest.h"

namespace ls::it {
namespace {

using nlohmann::json;
constexpr int kRate = 44100;

void WriteWav(const std::string& path, const std::vector<float>& x) {
  auto bytes = audio::EncodeAudio(x, 1, kRate, audio::Format::kWavPcm16);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  WriteAll(path, *bytes);
}

// A tone family: notes of a harmonic tone (fundamental 200–400 Hz) changing
// every 0.5 s.
std::vector<float> Tones(double seconds, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> f0(200, 400);
  std::vector<float> x(static_cast<size_t>(seconds * kRate));
  double f = f0(rng), phase = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (i % (kRate / 2) == 0) f = f0(rng);
    phase += 2 * M_PI * f / kRate;
    x[i] = static_cast<float>(0.3 * std::sin(phase) + 0.15 * std::sin(2 * phase) + 0.08 * std::sin(3 * phase));
  }
  return x;
}

// Noise colours: white, or brown (integrated white, leaky so it stays bounded).
std::vector<float> Noise(double seconds, uint32_t seed, bool brown) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> n(0, 1);
  std::vector<float> x(static_cast<size_t>(seconds * kRate));
  float acc = 0;
  for (auto& v : x) {
    const float w = n(rng);
    acc = 0.995f * acc + 0.05f * w;
    v = brown ? acc : 0.15f * w;
  }
  return x;
}

// A song at full level that fades out linearly over `fade_s` and then has
// `tail_s` of silence; fade_s = tail_s = 0 stops at full level.
std::vector<float> Song(double seconds, uint32_t seed, double fade_s, double tail_s) {
  std::vector<float> x = Tones(seconds, seed);
  std::vector<float> n = Noise(seconds, seed + 100, false);
  const double fade_start = seconds - fade_s - tail_s;
  for (size_t i = 0; i < x.size(); ++i) {
    const double t = double(i) / kRate;
    double g = 1;
    if (t >= fade_start) g = fade_s > 0 ? std::max(0.0, 1 - (t - fade_start) / fade_s) : 0;
    x[i] = static_cast<float>(g * (x[i] + 0.3 * n[i]));
  }
  return x;
}

std::string ErrorOf(Cluster& c, const std::vector<std::string>& args) {
  int code = 0;
  json j = c.LsctlJson(args, &code);
  EXPECT_NE(code, 0) << j.dump();
  if (!j.contains("error")) return j.dump();
  return j["error"].value("code", "") + " | " + j["error"].value("message", "");
}

// Songs, jobs and models: what a refused request must leave alone.
std::string Snapshot(Cluster& c) {
  return c.LsctlJson({"songs"}).dump() + c.LsctlJson({"jobs"}).dump() + c.LsctlJson({"models"}).dump();
}

TEST(Classify, ClipClassifierSeparatesTonesFromNoiseColours) {
  Cluster c;
  std::string manifest = "path_or_song,label\n";
  for (int i = 0; i < 4; ++i) {
    const std::string t = c.dir().File("tone" + std::to_string(i) + ".wav");
    const std::string w = c.dir().File("white" + std::to_string(i) + ".wav");
    const std::string b = c.dir().File("brown" + std::to_string(i) + ".wav");
    WriteWav(t, Tones(6.0, 10 + i));
    WriteWav(w, Noise(6.0, 20 + i, false));
    WriteWav(b, Noise(6.0, 30 + i, true));
    manifest += "tone" + std::to_string(i) + ".wav,tones\n";  // relative to the manifest
    manifest += w + ",white\n" + b + ",brown\n";
  }
  WriteAll(c.dir().File("manifest.csv"), manifest);

  auto train = c.Lsctl({"--json", "train", "classifier", "--manifest", c.dir().File("manifest.csv"), "--clip-s",
                        "2", "--epochs", "40", "--follow"},
                       120);
  ASSERT_EQ(train.exit_code, 0) << train.out << train.err << c.server_log();
  json job = json::parse(train.out)["job"];
  EXPECT_EQ(job["state"], "succeeded") << job.dump();
  const json m = job["classify_metrics"];
  ASSERT_TRUE(m.is_object()) << job.dump();
  EXPECT_EQ(m["labels"], json({"brown", "tones", "white"}));
  EXPECT_EQ(m["train_songs"], 9);
  EXPECT_EQ(m["val_songs"], 3);  // split by song: one of each label held out
  EXPECT_GE(m["accuracy"].get<double>(), 0.85) << m.dump();
  EXPECT_EQ(m["song_accuracy"].get<double>(), 1.0) << m.dump();
  ASSERT_EQ(m["classes"].size(), 3u);
  ASSERT_EQ(m["confusion"].size(), 3u);
  int64_t total = 0;
  for (const auto& row : m["confusion"]) {
    ASSERT_EQ(row["counts"].size(), 4u);  // 3 classes + unknown
    for (const auto& n : row["counts"]) total += n.get<int64_t>();
  }
  EXPECT_EQ(total, m["val_clips"].get<int64_t>());
  const std::string model = job["model_id"];
  EXPECT_EQ(model.rfind("clf-mlp-", 0), 0u) << model;  // the default arch

  json models = c.LsctlJson({"models"});
  ASSERT_EQ(models["models"].size(), 1u);
  EXPECT_EQ(models["models"][0]["kind"], "classifier");

  // Songs the model never saw: local files are uploaded first.
  struct Probe { std::string file; std::vector<float> audio; std::string want; };
  std::vector<Probe> probes = {{"new-tone.wav", Tones(8.0, 99), "tones"},
                               {"new-white.wav", Noise(8.0, 98, false), "white"},
                               {"new-brown.wav", Noise(8.0, 97, true), "brown"}};
  for (auto& p : probes) {
    WriteWav(c.dir().File(p.file), p.audio);
    json r = c.LsctlJson({"classify", c.dir().File(p.file), "--model", model});
    ASSERT_TRUE(r.contains("classify")) << r.dump();
    const json& k = r["classify"];
    EXPECT_EQ(k["label"], p.want) << k.dump();
    EXPECT_EQ(k["model_kind"], "classifier");
    ASSERT_EQ(k["clips"].size(), 4u);  // 8 s of 2 s clips
    double sum = 0;
    for (const auto& v : k["probs"]) sum += v.get<double>();
    EXPECT_NEAR(sum, 1.0, 1e-3);
  }
  // Songs like none of the classes (a sparse click train, a 6 kHz sine) are "unknown".
  {
    std::vector<float> clicks(static_cast<size_t>(8.0 * kRate), 0.0f);
    for (size_t i = 0; i < clicks.size(); i += kRate / 8) clicks[i] = 0.9f;
    WriteWav(c.dir().File("clicks.wav"), clicks);
    json r = c.LsctlJson({"classify", c.dir().File("clicks.wav"), "--model", model});
    // The closed-set argmax says "white" here; the distance rule does not.
    EXPECT_EQ(r["classify"]["label"], "unknown") << r.dump();
    for (const auto& clip : r["classify"]["clips"]) EXPECT_EQ(clip["label"], "unknown") << clip.dump();
    std::vector<float> hi(static_cast<size_t>(8.0 * kRate));
    for (size_t i = 0; i < hi.size(); ++i) hi[i] = 0.4f * std::sin(2 * M_PI * 6000.0 * i / kRate);
    WriteWav(c.dir().File("hi.wav"), hi);
    r = c.LsctlJson({"classify", c.dir().File("hi.wav"), "--model", model});
    EXPECT_EQ(r["classify"]["label"], "unknown") << r.dump();
  }
  // Human output names the label; "classifier" means the newest classifier.
  auto human = c.Lsctl({"classify", c.dir().File("new-tone.wav"), "--model", "classifier"});
  EXPECT_EQ(human.exit_code, 0) << human.err;
  EXPECT_NE(human.out.find("label: tones"), std::string::npos) << human.out;

  // Metrics of the Classify RPC.
  auto metrics = ls::it::Run({"/usr/bin/curl", "-s", "http://" + c.metrics_address() + "/metrics"}, std::chrono::seconds(10));
  EXPECT_NE(metrics.out.find("lightshow_classify_requests_total{code=\"OK\",model_kind=\"classifier\"} 6"),
            std::string::npos)
      << metrics.out.substr(0, 200);
  EXPECT_NE(metrics.out.find("lightshow_classify_duration_seconds_count{model_kind=\"classifier\"} 6"),
            std::string::npos);
}

TEST(Classify, EndDetectorFindsFadesAndTrimsAutoencoderTraining) {
  Cluster c;
  // Three songs fade out (3 s fade + 2 s silence), three stop at full level.
  for (int i = 0; i < 6; ++i) {
    const bool fade = i % 2 == 0;
    const std::string f = c.dir().File("song" + std::to_string(i) + ".wav");
    WriteWav(f, Song(14.0, 40 + i, fade ? 3.0 : 0.0, fade ? 2.0 : 0.0));
    ASSERT_EQ(c.Lsctl({"submit", f}).exit_code, 0);
  }
  auto train = c.Lsctl({"--json", "train", "end-detector", "--follow"}, 120);
  ASSERT_EQ(train.exit_code, 0) << train.out << train.err << c.server_log();
  json job = json::parse(train.out)["job"];
  const json m = job["classify_metrics"];
  EXPECT_EQ(m["task"], "end_detector");
  EXPECT_EQ(m["val_songs"], 1);
  const std::string model = job["model_id"];
  EXPECT_EQ(model.rfind("end-context-", 0), 0u) << model;

  WriteWav(c.dir().File("fade.wav"), Song(16.0, 77, 3.0, 2.0));  // the fade starts at 11 s
  json r = c.LsctlJson({"classify", c.dir().File("fade.wav"), "--model", "end"});
  ASSERT_TRUE(r.contains("classify")) << r.dump();
  EXPECT_EQ(r["classify"]["model_kind"], "end_detector");
  EXPECT_TRUE(r["classify"]["has_end"].get<bool>()) << r.dump().substr(0, 400);
  EXPECT_GE(r["classify"]["end_s"].get<double>(), 11.0);
  EXPECT_LE(r["classify"]["end_s"].get<double>(), 14.5);
  // --json carries P(end) per frame: low early, high in the silent tail.
  const json& p = r["classify"]["frame_probs"];
  ASSERT_NEAR(p.size(), 16.0 * kRate / 1024, 2);
  EXPECT_LT(p[43].get<double>(), 0.5);
  EXPECT_GT(p[p.size() - 10].get<double>(), 0.5);

  WriteWav(c.dir().File("full.wav"), Song(16.0, 78, 0, 0));
  r = c.LsctlJson({"classify", c.dir().File("full.wav"), "--model", model});
  EXPECT_FALSE(r["classify"]["has_end"].get<bool>()) << r.dump().substr(0, 400);
  auto human = c.Lsctl({"classify", c.dir().File("full.wav"), "--model", model});
  EXPECT_NE(human.out.find("no end"), std::string::npos) << human.out;

  // --trim-end auto now trims with the newest end detector.
  auto ae = c.Lsctl({"--json", "train", "autoencoder", "--epochs", "1", "--follow"}, 120);
  ASSERT_EQ(ae.exit_code, 0) << ae.out << ae.err << c.server_log();
  EXPECT_NE(json::parse(ae.out)["job"]["message"].get<std::string>().find("end detector " + model),
            std::string::npos)
      << ae.out;
  const std::string ae_model = json::parse(ae.out)["job"]["model_id"];

  // Models of the wrong kind for the request, and nothing changes.
  const std::string before = Snapshot(c);
  EXPECT_EQ(ErrorOf(c, {"classify", c.dir().File("full.wav"), "--model", ae_model}).rfind("INVALID_ARGUMENT", 0), 0u);
  EXPECT_NE(ErrorOf(c, {"activate", model}).find("only autoencoder models render shows"), std::string::npos);
  EXPECT_EQ(Snapshot(c), before);
}

TEST(Classify, BadInputsNameTheRowOrFieldAndChangeNothing) {
  Cluster c;
  const std::string song = c.dir().File("short.wav");
  WriteTune(song, 4.0, 3);
  const std::string id = c.LsctlJson({"submit", song})["songs"][0]["id"];
  const std::string other = c.dir().File("other.wav");
  WriteTune(other, 4.0, 4);
  const std::string id2 = c.LsctlJson({"submit", other})["songs"][0]["id"];
  auto manifest = [&](const std::string& name, const std::string& text) {
    WriteAll(c.dir().File(name), text);
    return c.dir().File(name);
  };
  const std::string before = Snapshot(c);
  struct Case { std::vector<std::string> args; std::string want; };
  const std::string fresh = c.dir().File("fresh.wav");
  WriteTune(fresh, 4.0, 5);  // a good file in a bad manifest must not be uploaded
  std::vector<Case> cases = {
      {{"train", "classifier", "--manifest", c.dir().File("nope.csv")}, "NOT_FOUND | manifest: "},
      {{"train", "classifier", "--manifest", manifest("empty.csv", "path_or_song,label\n")},
       "INVALID_ARGUMENT | manifest: "},
      {{"train", "classifier", "--manifest", manifest("missing.csv", fresh + ",a\nmissing.wav,b\n")},
       "NOT_FOUND | manifest row 2: no file or song id 'missing.wav'"},
      {{"train", "classifier", "--manifest", manifest("one.csv", fresh + ",a\n" + id + ",a\n")},
       "INVALID_ARGUMENT | manifest: every row has the label 'a'"},
      {{"train", "classifier", "--clip-s", "2", "--manifest", manifest("unknown.csv", id + ",a\nfedcba987654,b\n")},
       "NOT_FOUND | NOT_FOUND: manifest row 2: "},
      {{"train", "classifier", "--clip-s", "5", "--manifest", manifest("long.csv", id + ",a\n" + id2 + ",b\n")},
       "INVALID_ARGUMENT | INVALID_ARGUMENT: manifest row 1: song " + id.substr(0, 12) + " (4.00 s) is shorter than one clip"},
      {{"train", "classifier", "--arch", "cnn1d", "--clip-s", "2", "--manifest", c.dir().File("long.csv")},
       "INVALID_ARGUMENT | INVALID_ARGUMENT: clip_s: 2 s does not fit arch cnn1d"},
      {{"train", "classifier", "--manifest", manifest("nolabel.csv", id + ",a\n" + id2 + ",\n")},
       "INVALID_ARGUMENT | manifest row 2: label is empty"},
      {{"train", "end-detector", "--labels", manifest("late.csv", "song,end_s\n" + id + ",9.5\n")},
       "INVALID_ARGUMENT | INVALID_ARGUMENT: labels row 2: end_s 9.5 is outside song"},
      {{"train", "end-detector", "--labels", manifest("nan.csv", id + ",soon\n")},
       "INVALID_ARGUMENT | labels row 1: end_s 'soon' is not a number"},
      {{"train", "end-detector", "--arch", "mlp"}, "INVALID_ARGUMENT | INVALID_ARGUMENT: arch: "},
      {{"classify", id, "--model", "no-such-model"}, "NOT_FOUND | NOT_FOUND: model: no model with id 'no-such-model'"},
      {{"classify", id, "--model", "end"}, "NOT_FOUND | NOT_FOUND: model: no end_detector model yet"},
      {{"classify", "fedcba987654", "--model", "end"}, "NOT_FOUND | "},
  };
  for (const auto& k : cases) {
    const std::string got = ErrorOf(c, k.args);
    EXPECT_EQ(got.rfind(k.want, 0), 0u) << "args: " << k.args.back() << "\ngot:  " << got << "\nwant: " << k.want;
    EXPECT_EQ(Snapshot(c), before) << k.args.back();
  }
}

}  // namespace
}  // namespace ls::it
