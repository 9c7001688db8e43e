// The ingest pipeline on a real catalog: a tune becomes a song row, a stored
// song blob and a show of one mask per frame; bad audio stores nothing; the
// same bytes twice are one song.
#include "ingest/ingestor.h"

#include <filesystem>

#include "audio/encode.h"
#include "audio/synth.h"
#include "common/sha256.h"
#include "gtest/gtest.h"
#include "scratch_dir.h"

namespace ls::ingest {
namespace {

class IngestorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_support::MakeScratchDir("ls-ingest-");
    catalog_ = std::move(*catalog::Catalog::Open(dir_.string()));
    blobs_ = std::make_unique<catalog::BlobStore>(*catalog::BlobStore::Open(dir_.string()));
    ingestor_ = std::make_unique<Ingestor>(catalog_.get(), blobs_.get(), IngestOptions{});
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::unique_ptr<catalog::Catalog> catalog_;
  std::unique_ptr<catalog::BlobStore> blobs_;
  std::unique_ptr<Ingestor> ingestor_;
};

TEST_F(IngestorTest, TuneBecomesSongAndShow) {
  audio::Signal tune = audio::MakeTune(6.0, 4);
  std::string bytes = *audio::EncodeAudio(tune.samples, tune.channels, tune.sample_rate,
                                          audio::Format::kFlac);
  std::string id = Sha256Hex(bytes);
  auto r = ingestor_->Ingest(bytes, "tune.flac", id);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->duplicate);
  EXPECT_EQ(r->song.id, id);
  EXPECT_EQ(r->song.format, "FLAC");
  EXPECT_EQ(r->song.source_channels, 2);
  EXPECT_EQ(r->song.frame_count, 1 + (6 * 44100 - 1024) / 1024);
  EXPECT_EQ(r->show.frame_count, r->song.frame_count);
  EXPECT_EQ(r->show.frame_period_ns, 23219955);
  ASSERT_EQ(r->timings.size(), 5u);
  EXPECT_EQ(r->timings[0].first, "decode");
  EXPECT_EQ(r->timings[2].first, "analyze");

  auto masks = ingestor_->LoadMasks(r->show);
  ASSERT_TRUE(masks.ok()) << masks.status();
  EXPECT_EQ(static_cast<int>(masks->size()), r->song.frame_count);
  EXPECT_EQ(*blobs_->Get("songs", id), bytes);

  auto again = ingestor_->Ingest(bytes, "renamed.flac", id);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->song.name, "tune.flac");
  EXPECT_EQ(*catalog_->CountSongs(), 1);
}

TEST_F(IngestorTest, StoresTheMusicAnalysisWithTheSong) {
  audio::Signal tune = audio::MakeTune(12.0, 2);
  std::string bytes = *audio::EncodeAudio(tune.samples, tune.channels, tune.sample_rate,
                                          audio::Format::kWavPcm16);
  auto r = ingestor_->Ingest(bytes, "t.wav", Sha256Hex(bytes));
  ASSERT_TRUE(r.ok()) << r.status();
  auto music = ingestor_->LoadAnalysis(r->song.id);
  ASSERT_TRUE(music.ok()) << music.status();
  EXPECT_TRUE(music->steady_beat) << music->beat_note;
  EXPECT_NEAR(music->bpm, 120, 3);  // MakeTune plays at 120 BPM
  EXPECT_GE(music->beats_s.size(), 20u);
  EXPECT_FALSE(ingestor_->NeedsUpgrade(r->song));
}

TEST_F(IngestorTest, ASongWithoutCurrentAnalysisIsUpgradedByRerender) {
  audio::Signal tune = audio::MakeTune(8.0, 3);
  std::string bytes = *audio::EncodeAudio(tune.samples, tune.channels, tune.sample_rate,
                                          audio::Format::kWavPcm16);
  auto r = ingestor_->Ingest(bytes, "t.wav", Sha256Hex(bytes));
  ASSERT_TRUE(r.ok()) << r.status();
  // As stored by a version before analysis: no blob. Then a damaged one.
  for (const char* damage : {"", "\x08\xff"}) {
    if (*damage) {
      ASSERT_TRUE(blobs_->Put("analysis", r->song.id, damage).ok());
    } else {
      ASSERT_TRUE(blobs_->Remove("analysis", r->song.id).ok());
    }
    EXPECT_TRUE(ingestor_->NeedsUpgrade(r->song));
    auto show = ingestor_->Rerender(r->song);
    ASSERT_TRUE(show.ok()) << show.status();
    EXPECT_FALSE(ingestor_->NeedsUpgrade(r->song));
    EXPECT_TRUE(ingestor_->LoadAnalysis(r->song.id).ok());
  }
}

TEST_F(IngestorTest, BadAudioStoresNothing) {
  std::string junk(50000, 'j');
  auto r = ingestor_->Ingest(junk, "junk.wav", Sha256Hex(junk));
  EXPECT_TRUE(absl::IsInvalidArgument(r.status())) << r.status();
  EXPECT_EQ(*catalog_->CountSongs(), 0);
  EXPECT_FALSE(blobs_->Exists("songs", Sha256Hex(junk)));
  EXPECT_FALSE(blobs_->Exists("analysis", Sha256Hex(junk)));
}

TEST_F(IngestorTest, TruncatedShowBlobIsDataLoss) {
  audio::Signal tune = audio::MakeTune(4.0, 5);
  std::string bytes = *audio::EncodeAudio(tune.samples, tune.channels, tune.sample_rate,
                                          audio::Format::kWavPcm16);
  auto r = ingestor_->Ingest(bytes, "t.wav", Sha256Hex(bytes));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(blobs_->Put("shows", r->show.id, "short").ok());
  EXPECT_TRUE(absl::IsDataLoss(ingestor_->LoadMasks(r->show).status()));
}

}  // namespace
}  // namespace ls::ingest
