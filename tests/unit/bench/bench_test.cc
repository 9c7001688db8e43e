// Runs the real lightshow-bench on two short synthesized WAVs and checks the
// JSON: the peer's stage names and fields, frame counts = 1 + (n-1024)//hop,
// mean features in [0, 1], finite and decreasing losses.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "audio/encode.h"
#include "audio/synth.h"
#include "nlohmann/json.hpp"

namespace {

using nlohmann::json;

// Writes a stereo 16-bit WAV of MakeTune(seconds, seed); returns mono samples.
int64_t WriteTune(const std::string& path, double seconds, uint32_t seed) {
  ls::audio::Signal s = ls::audio::MakeTune(seconds, seed);
  auto bytes = ls::audio::EncodeAudio(s.samples, s.channels, s.sample_rate,
                                      ls::audio::Format::kWavPcm16);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  std::ofstream(path, std::ios::binary) << *bytes;
  return s.frames();
}

void ExpectKeys(const json& j, const std::string& stage, const std::vector<std::string>& keys) {
  ASSERT_TRUE(j.contains(stage)) << "missing stage " << stage;
  for (const auto& k : keys) EXPECT_TRUE(j[stage].contains(k)) << stage << "." << k;
}

bool Finite(const json& v) { return v.is_number() && std::isfinite(v.get<double>()); }

class BenchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/bench_test.XXXXXX";
    dir_ = mkdtemp(tmpl);
    // The CNN needs 65536 samples after decimation by 8 (11.9 s at 44.1 kHz);
    // the logistic regression needs both classes (> 10 s) in the first song.
    n_[0] = WriteTune(dir_ + "/a.wav", 15.0, 1);
    n_[1] = WriteTune(dir_ + "/b.wav", 13.0, 2);
    const std::string cmd = std::string(LS_BENCH_BIN) + " " + dir_ + "/a.wav " + dir_ +
                            "/b.wav --json --quick --epochs 3 --cnn-steps 2 --threads 2 --out " +
                            dir_ + "/out.json > " + dir_ + "/stdout.json 2> " + dir_ + "/log";
    rc_ = std::system(cmd.c_str());
    std::ifstream in(dir_ + "/out.json");
    std::stringstream ss;
    ss << in.rdbuf();
    result_ = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  }
  static void TearDownTestSuite() {
    for (const char* f : {"a.wav", "b.wav", "out.json", "stdout.json", "log"}) {
      std::remove((dir_ + "/" + f).c_str());
    }
    std::remove(dir_.c_str());
  }

  static std::string dir_;
  static int64_t n_[2];
  static int rc_;
  static json result_;
};

std::string BenchTest::dir_;
int64_t BenchTest::n_[2];
int BenchTest::rc_ = -1;
json BenchTest::result_;

TEST_F(BenchTest, RunsAndWritesJson) {
  ASSERT_EQ(rc_, 0);
  ASSERT_TRUE(result_.is_object());
  // --out and stdout carry the same document.
  std::ifstream in(dir_ + "/stdout.json");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(json::parse(ss.str(), nullptr, false), result_);
}

TEST_F(BenchTest, HasEveryStageWithThePeersKeys) {
  ASSERT_TRUE(result_.is_object());
  const json& r = result_;
  for (const char* k : {"benchmark", "seed", "env", "total_wall_s", "peak_rss_mib"}) {
    EXPECT_TRUE(r.contains(k)) << k;
  }
  ExpectKeys(r, "decode", {"files", "total_s", "audio_seconds", "realtime_factor"});
  ExpectKeys(r["stft"], "hop1024", {"n_frames", "frames_per_song", "mean_feature_per_song",
                                    "pipeline_scipy", "log1p_norm"});
  ExpectKeys(r["stft"], "hop512", {"n_frames", "frames_per_song", "mean_feature_per_song",
                                   "pipeline_scipy"});
  ExpectKeys(r, "train_dense_ae",
             {"n_samples", "epochs", "batch", "steps", "params", "wall_s", "samples_per_s",
              "samples_per_s_best_epoch", "epoch_s", "epoch_loss", "final_epoch_train_loss",
              "final_full_pass_mse"});
  ExpectKeys(r, "encode", {"n_frames", "bulk", "frames_per_s", "latency_batch1_us", "code_shape"});
  ExpectKeys(r, "logreg",
             {"hop", "n_train", "n_features", "fit_s", "n_iter", "train_accuracy",
              "train_majority_baseline", "heldout_file", "n_test", "heldout_accuracy", "predict_s",
              "heldout_majority_baseline", "heldout_recall_end_class"});
  ExpectKeys(r, "cnn1d",
             {"clip_len", "decimation", "batch", "classes", "params", "train_step",
              "train_clips_per_s", "forward_only", "infer_clips_per_s", "losses"});
  ExpectKeys(r, "gru", {"seq_len", "hidden", "batch", "decimation", "levels", "epynn", "last"});
  for (const char* head : {"epynn", "last"}) {
    ExpectKeys(r["gru"], head,
               {"params", "train_step", "train_clips_per_s", "forward_only", "infer_clips_per_s"});
  }
  for (const char* k : {"median_s", "min_s", "mean_s", "repeats", "ns_per_frame_median"}) {
    EXPECT_TRUE(r["stft"]["hop1024"]["pipeline_scipy"].contains(k)) << k;
  }
}

TEST_F(BenchTest, FramesMatchTheDefinition) {
  ASSERT_TRUE(result_.is_object());
  for (int i = 0; i < 2; ++i) EXPECT_EQ(result_["decode"]["files"][i]["samples"], n_[i]);
  for (int hop : {1024, 512}) {
    const json& h = result_["stft"]["hop" + std::to_string(hop)];
    int64_t total = 0;
    for (int i = 0; i < 2; ++i) {
      const int64_t want = 1 + (n_[i] - 1024) / hop;
      EXPECT_EQ(h["frames_per_song"][i], want) << "hop " << hop << " song " << i;
      total += want;
      const double m = h["mean_feature_per_song"][i];
      EXPECT_GT(m, 0.0);
      EXPECT_LT(m, 1.0);
    }
    EXPECT_EQ(h["n_frames"], total);
  }
  EXPECT_EQ(result_["train_dense_ae"]["n_samples"], result_["stft"]["hop1024"]["n_frames"]);
  EXPECT_EQ(result_["encode"]["code_shape"][1], 8);
}

TEST_F(BenchTest, LossesAreFiniteAndDecrease) {
  ASSERT_TRUE(result_.is_object());
  const json& loss = result_["train_dense_ae"]["epoch_loss"];
  ASSERT_EQ(loss.size(), 3u);
  for (const auto& v : loss) EXPECT_TRUE(Finite(v));
  EXPECT_LT(loss[2].get<double>(), loss[0].get<double>());
  EXPECT_TRUE(Finite(result_["train_dense_ae"]["final_full_pass_mse"]));
  EXPECT_LT(result_["train_dense_ae"]["final_full_pass_mse"].get<double>(), loss[0].get<double>());
  ASSERT_EQ(result_["cnn1d"]["losses"].size(), 2u);
  for (const auto& v : result_["cnn1d"]["losses"]) EXPECT_TRUE(Finite(v));
  const double acc = result_["logreg"]["heldout_accuracy"];
  EXPECT_GE(acc, 0.0);
  EXPECT_LE(acc, 1.0);
  for (const char* head : {"epynn", "last"}) {
    EXPECT_GT(result_["gru"][head]["train_clips_per_s"].get<double>(), 0.0);
  }
  EXPECT_GT(result_["peak_rss_mib"].get<double>(), 0.0);
}

}  // namespace
