#include "classify/split.h"

#include <set>

#include <gtest/gtest.h>

namespace ls::classify {
namespace {

TEST(Split, EverySongOnExactlyOneSideAndEveryLabelTrained) {
  const std::vector<int> labels = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2};
  auto s = SplitBySong(labels, 0.3, 42);
  ASSERT_TRUE(s.ok());
  std::set<int> train(s->train.begin(), s->train.end()), val(s->validation.begin(), s->validation.end());
  EXPECT_EQ(train.size() + val.size(), labels.size());
  for (int v : val) EXPECT_EQ(train.count(v), 0u);
  std::set<int> train_labels, val_labels;
  for (int i : s->train) train_labels.insert(labels[i]);
  for (int i : s->validation) val_labels.insert(labels[i]);
  EXPECT_EQ(train_labels, (std::set<int>{0, 1, 2}));
  EXPECT_EQ(val_labels, (std::set<int>{0, 1, 2}));  // ≥ 1 per label with ≥ 2 songs
}

TEST(Split, FoldsAreStratifiedAndSeeded) {
  const std::vector<int> labels = {0, 0, 0, 1, 1, 1};
  auto a = FoldsBySong(labels, 3, 1), b = FoldsBySong(labels, 3, 1);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(*a, *b);
  for (int f = 0; f < 3; ++f) {
    int n0 = 0, n1 = 0;
    for (size_t i = 0; i < labels.size(); ++i) {
      if ((*a)[i] == f) (labels[i] == 0 ? n0 : n1)++;
    }
    EXPECT_EQ(n0, 1);
    EXPECT_EQ(n1, 1);
  }
  EXPECT_FALSE(FoldsBySong(labels, 1, 0).ok());
  EXPECT_FALSE(SplitBySong(labels, 1.0, 0).ok());
}

TEST(Split, SharedSongIsRefused) {
  EXPECT_TRUE(CheckDisjoint({"a", "a", "b"}, {"c", "c"}).ok());
  const absl::Status st = CheckDisjoint({"a", "b"}, {"c", "b"});
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("b"), std::string::npos);
}

}  // namespace
}  // namespace ls::classify
