#include "db/sqlite_db.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "temp_dir.h"

namespace ls::db {
namespace {

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = SqliteDb::Open(dir_.File("test.db"));
    ASSERT_TRUE(db.ok()) << db.status();
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Exec("CREATE TABLE parent (id TEXT PRIMARY KEY, n INTEGER NOT NULL, x REAL);"
                          "CREATE TABLE child (id TEXT PRIMARY KEY, parent TEXT NOT NULL REFERENCES parent(id),"
                          " tag TEXT UNIQUE, CHECK (length(id) > 0));")
                    .ok());
  }
  int64_t Count(const std::string& table) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Query("SELECT COUNT(*) FROM " + table, {}, [&](const SqlRow& r) { n = r.Int(0); }).ok());
    return n;
  }
  testutil::TempDir dir_{"sqlite-db-test"};
  std::unique_ptr<SqliteDb> db_;
};

TEST_F(SqliteDbTest, ColumnsAreReadByNameWhateverTheirOrder) {
  ASSERT_TRUE(db_->Run("INSERT INTO parent (id, n, x) VALUES (?, ?, ?)",
                       {SqlValue::Text("a"), SqlValue::Int(7), SqlValue::Real(2.5)})
                  .ok());
  for (const char* sql : {"SELECT id, n, x FROM parent", "SELECT x, id, n FROM parent"}) {
    std::string id;
    int64_t n = 0;
    double x = 0;
    ASSERT_TRUE(db_->Query(sql, {}, [&](const SqlRow& r) {
                      id = r.Text("id");
                      n = r.Int("n");
                      x = r.Real("x");
                    }).ok());
    EXPECT_EQ(id, "a") << sql;
    EXPECT_EQ(n, 7) << sql;
    EXPECT_EQ(x, 2.5) << sql;
  }
}

TEST_F(SqliteDbTest, TextKeepsEmbeddedNulBytes) {
  const std::string blob("a\0b", 3);
  ASSERT_TRUE(db_->Run("INSERT INTO parent (id, n) VALUES (?, 1)", {SqlValue::Text(blob)}).ok());
  std::string got;
  ASSERT_TRUE(db_->Query("SELECT id FROM parent", {}, [&](const SqlRow& r) { got = r.Text("id"); }).ok());
  EXPECT_EQ(got, blob);
}

TEST_F(SqliteDbTest, AColumnTheResultLacksFailsTheQueryNamingIt) {
  ASSERT_TRUE(db_->Run("INSERT INTO parent (id, n) VALUES ('a', 1)", {}).ok());
  auto st = db_->Query("SELECT id FROM parent", {}, [&](const SqlRow& r) { r.Int("count"); });
  EXPECT_EQ(st.code(), absl::StatusCode::kInternal);
  EXPECT_NE(st.message().find("'count'"), std::string::npos) << st;
}

TEST_F(SqliteDbTest, WrongParameterCountIsAnErrorNotASilentNull) {
  auto few = db_->Run("INSERT INTO parent (id, n) VALUES (?, ?)", {SqlValue::Text("a")});
  EXPECT_EQ(few.code(), absl::StatusCode::kInternal);
  EXPECT_NE(few.message().find("takes 2 parameters, given 1"), std::string::npos) << few;
  auto many = db_->Run("INSERT INTO parent (id, n) VALUES (?, 1)", {SqlValue::Text("a"), SqlValue::Int(2)});
  EXPECT_FALSE(many.ok());
  EXPECT_EQ(Count("parent"), 0);
}

TEST_F(SqliteDbTest, OnlyUniquenessIsAlreadyExists) {
  ASSERT_TRUE(db_->Run("INSERT INTO parent (id, n) VALUES ('p', 1)", {}).ok());
  ASSERT_TRUE(db_->Run("INSERT INTO child (id, parent, tag) VALUES ('c', 'p', 't')", {}).ok());
  // Primary key and UNIQUE: the row exists.
  EXPECT_EQ(db_->Run("INSERT INTO parent (id, n) VALUES ('p', 2)", {}).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(db_->Run("INSERT INTO child (id, parent, tag) VALUES ('d', 'p', 't')", {}).code(),
            absl::StatusCode::kAlreadyExists);
  // Foreign key, NOT NULL, CHECK: a precondition, not a duplicate.
  auto fk = db_->Run("INSERT INTO child (id, parent) VALUES ('e', 'nobody')", {});
  EXPECT_EQ(fk.code(), absl::StatusCode::kFailedPrecondition) << fk;
  EXPECT_NE(fk.message().find("test.db"), std::string::npos) << fk;
  EXPECT_EQ(db_->Run("INSERT INTO parent (id) VALUES ('q')", {}).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(db_->Run("INSERT INTO child (id, parent) VALUES ('', 'p')", {}).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Count("parent"), 1);
  EXPECT_EQ(Count("child"), 1);
}

TEST_F(SqliteDbTest, AFailedTransactionLeavesNothingBehind) {
  auto st = db_->Transaction([&] {
    EXPECT_TRUE(db_->Run("INSERT INTO parent (id, n) VALUES ('a', 1)", {}).ok());
    return db_->Run("INSERT INTO parent (id, n) VALUES ('a', 2)", {});
  });
  EXPECT_EQ(st.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(Count("parent"), 0);
  ASSERT_TRUE(db_->Transaction([&] { return db_->Run("INSERT INTO parent (id, n) VALUES ('b', 1)", {}); }).ok());
  EXPECT_EQ(Count("parent"), 1);
}

TEST(SqliteDbOpen, AnUnopenablePathNamesIt) {
  auto db = SqliteDb::Open("/nonexistent-dir/x/catalog.db");
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find("/nonexistent-dir/x/catalog.db"), std::string::npos) << db.status();
}

}  // namespace
}  // namespace ls::db
