// RunClassifierJob: the manifest's songs come from the blob store, are split
// by song, trained on and measured; the model file is written and registered
// with its metrics. With one song per label the figures are on the training
// songs (and say so); a stop or a training error ends the job with its status.
#include "learn/classify_job.h"

#include <cmath>
#include <filesystem>
#include <random>

#include "audio/encode.h"
#include "catalog/blob_store.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "jobs/job_store.h"
#include "lightshow/v1/classify.pb.h"
#include "models/learned_model.h"
#include "models/model_store.h"
#include "temp_dir.h"

namespace ls::learn {
namespace {

namespace v1 = lightshow::v1;

// A tone at `hz` with a little noise, as 16-bit WAV bytes.
std::string Tone(double hz, double seconds, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> noise(0.0f, 0.02f);
  std::vector<float> x(static_cast<size_t>(seconds * 44100));
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = 0.4f * static_cast<float>(std::sin(2 * M_PI * hz * i / 44100.0)) + noise(rng);
  }
  return *audio::EncodeAudio(x, 1, 44100, audio::Format::kWavPcm16);
}

struct Fixture {
  testutil::TempDir tmp{"ls-clfjob"};
  std::string dir = tmp.path();
  catalog::BlobStore blobs = *catalog::BlobStore::Open(dir);
  std::unique_ptr<models::ModelStore> models = *models::ModelStore::Open(dir);
  std::unique_ptr<jobs::JobStore> jobs = *jobs::JobStore::Open(dir);
  bool stop = false;

  // Stores `songs` (id → hz) and a logreg request over them with these labels.
  v1::StartClassifyTrainingRequest Request(const std::vector<std::pair<std::string, double>>& songs,
                                           const std::vector<std::string>& labels, double seconds) {
    v1::StartClassifyTrainingRequest req;
    req.set_task("classifier");
    req.set_arch("logreg");
    req.set_clip_s(2.0);
    req.set_epochs(3);
    for (size_t i = 0; i < songs.size(); ++i) {
      EXPECT_TRUE(blobs.Put("songs", songs[i].first, Tone(songs[i].second, seconds, i)).ok());
      auto* row = req.add_manifest();
      row->set_song_id(songs[i].first);
      row->set_label(labels[i]);
    }
    return req;
  }

  absl::StatusOr<std::string> Run(const v1::StartClassifyTrainingRequest& req) {
    std::string params;
    google::protobuf::TextFormat::PrintToString(req, &params);
    jobs::JobRecord job = *jobs->Create(kTrainClassifierKind, params, static_cast<int>(req.epochs()));
    jobs::JobContext ctx(job, [this] { return stop; }, jobs.get());
    TrainEnv env{&blobs, models.get(), dir, 1};
    return RunClassifierJob(ctx, env);
  }

  v1::ClassifyMetrics Metrics(const std::string& id) {
    v1::ClassifyMetrics m;
    auto rec = models->Get(id);
    EXPECT_TRUE(rec.ok()) << rec.status();
    if (rec.ok()) {
      EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(rec->metrics, &m));
    }
    return m;
  }
};

TEST(ClassifierJob, RegistersTheModelWithHeldOutFigures) {
  Fixture f;
  auto req = f.Request({{"lo1", 220}, {"lo2", 250}, {"lo3", 280}, {"hi1", 2200}, {"hi2", 2500}, {"hi3", 2800}},
                       {"low", "low", "low", "high", "high", "high"}, 5.0);
  auto* again = req.add_manifest();  // a repeated row counts once
  again->set_song_id("lo1");
  again->set_label("low");
  auto id = f.Run(req);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(id->rfind("clf-logreg-", 0), 0u) << *id;
  EXPECT_TRUE(std::filesystem::exists(models::ModelPath(f.dir + "/models", *id)));
  const v1::ClassifyMetrics m = f.Metrics(*id);
  EXPECT_EQ(m.task(), "classifier");
  ASSERT_EQ(m.labels_size(), 2);
  EXPECT_EQ(m.labels(0), "high");  // sorted
  EXPECT_EQ(m.labels(1), "low");
  EXPECT_EQ(m.train_songs() + m.val_songs(), 6u);
  EXPECT_GT(m.val_songs(), 0u);
  EXPECT_GT(m.train_clips(), 0u);
  EXPECT_GT(m.val_clips(), 0u);
  EXPECT_EQ(m.classes_size(), 2);
  EXPECT_EQ(m.confusion_size(), 2);
  EXPECT_TRUE(m.note().empty()) << m.note();
}

TEST(ClassifierJob, OneSongPerLabelIsScoredOnTheTrainingSongs) {
  Fixture f;
  auto id = f.Run(f.Request({{"a", 300}, {"b", 3000}}, {"x", "y"}, 5.0));
  ASSERT_TRUE(id.ok()) << id.status();
  const v1::ClassifyMetrics m = f.Metrics(*id);
  EXPECT_EQ(m.train_songs(), 2u);
  EXPECT_EQ(m.val_songs(), 0u);
  EXPECT_GT(m.val_clips(), 0u);  // the training songs' clips
  EXPECT_NE(m.note().find("no held-out songs"), std::string::npos) << m.note();
  EXPECT_EQ(m.classes_size(), 2);
}

TEST(ClassifierJob, TrainingErrorsAreNamedAndAStopCancels) {
  Fixture f;
  // Songs shorter than one clip: the trainer's error, prefixed.
  auto short_req = f.Request({{"a", 300}, {"b", 3000}}, {"x", "y"}, 1.0);
  auto st = f.Run(short_req).status();
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(st.message()).rfind("training: song ", 0), 0u) << st;

  f.stop = true;
  st = f.Run(f.Request({{"c", 300}, {"d", 3000}}, {"x", "y"}, 5.0)).status();
  EXPECT_EQ(st.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(st.message(), "stopped");
}

}  // namespace
}  // namespace ls::learn
