#include "models/model_store.h"

#include <unistd.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "db/sqlite_db.h"
#include "temp_dir.h"

namespace ls::models {
namespace {

std::string TempDir() { return testutil::ScratchDir("ls-model-store-"); }

// A catalog from before classification models: the models table has no kind
// or metrics column. Opening it adds them; old rows are autoencoders.
TEST(ModelStore, OldTablesGainKindAndKeepTheirRows) {
  const std::string dir = TempDir();
  {
    auto db = db::SqliteDb::Open(dir + "/catalog.db");
    ASSERT_TRUE(db.ok()) << db.status();
    ASSERT_TRUE((*db)->Exec(R"sql(
      CREATE TABLE models (id TEXT PRIMARY KEY, job_id TEXT NOT NULL, arch TEXT NOT NULL,
        settings TEXT NOT NULL, train_mse REAL NOT NULL, val_mse REAL NOT NULL,
        pca_val_mse REAL NOT NULL, train_songs INTEGER NOT NULL, val_songs INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'ok', message TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 0, created_unix_ms INTEGER NOT NULL);
      INSERT INTO models (id, job_id, arch, settings, train_mse, val_mse, pca_val_mse, train_songs,
        val_songs, created_unix_ms) VALUES ('dense-1', 'job-1', 'dense', '', 0.1, 0.2, 0.3, 2, 1, 5);
    )sql").ok());
  }
  auto store = ModelStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  auto old = (*store)->Get("dense-1");
  ASSERT_TRUE(old.ok()) << old.status();
  EXPECT_EQ(old->kind, kKindAutoencoder);
  EXPECT_DOUBLE_EQ(old->val_mse, 0.2);
  EXPECT_EQ(old->profile, "relay");  // the column added later defaults to relay

  ModelRecord end;
  end.id = "end-context-2";
  end.kind = kKindEndDetector;
  end.metrics = "frame_f1: 0.9";
  end.created_unix_ms = 10;
  ASSERT_TRUE((*store)->Put(end).ok());
  end.id = "end-context-3";
  end.created_unix_ms = 20;
  ASSERT_TRUE((*store)->Put(end).ok());
  ASSERT_TRUE((*store)->MarkBroken("end-context-3", "damaged").ok());

  // The newest usable model of a kind: a broken one is passed over.
  auto newest = (*store)->Newest(kKindEndDetector);
  ASSERT_TRUE(newest.ok());
  ASSERT_TRUE(newest->has_value());
  EXPECT_EQ((*newest)->id, "end-context-2");
  EXPECT_EQ((*newest)->metrics, "frame_f1: 0.9");
  auto none = (*store)->Newest(kKindClassifier);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  // Reopening an upgraded table changes nothing.
  store->reset();
  auto again = ModelStore::Open(dir);
  ASSERT_TRUE(again.ok()) << again.status();
  auto list = (*again)->List();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 3u);
  std::filesystem::remove_all(dir);
}

// The render profile is stored with the activation (old rows: relay), and a
// model marked broken comes back ok when its files load again.
TEST(ModelStore, ActivationKeepsItsProfileAndBrokenModelsRecover) {
  const std::string dir = TempDir();
  auto store = ModelStore::Open(dir);
  ASSERT_TRUE(store.ok()) << store.status();
  ModelRecord m;
  m.id = "dense-1";
  ASSERT_TRUE((*store)->Put(m).ok());
  m.id = "dense-2";
  ASSERT_TRUE((*store)->Put(m).ok());
  EXPECT_EQ((*store)->Get("dense-1")->profile, "relay");
  ASSERT_TRUE((*store)->Activate("dense-2", "ssr").ok());
  auto active = (*store)->Active();
  ASSERT_TRUE(active.ok() && active->has_value());
  EXPECT_EQ((*active)->id, "dense-2");
  EXPECT_EQ((*active)->profile, "ssr");
  EXPECT_EQ((*store)->Get("dense-1")->profile, "relay");  // the others keep theirs
  ASSERT_TRUE((*store)->Activate("dense-1").ok());
  EXPECT_EQ((*store)->Get("dense-2")->profile, "ssr");
  EXPECT_FALSE((*store)->Get("dense-2")->active);

  ASSERT_TRUE((*store)->MarkBroken("dense-2", "truncated").ok());
  EXPECT_EQ((*store)->Get("dense-2")->status, "broken");
  EXPECT_EQ((*store)->Get("dense-2")->message, "truncated");
  ASSERT_TRUE((*store)->MarkOk("dense-2").ok());
  EXPECT_EQ((*store)->Get("dense-2")->status, "ok");
  EXPECT_EQ((*store)->Get("dense-2")->message, "");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ls::models
