#include "auth/token_store.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "temp_dir.h"

namespace ls::auth {
namespace {

class TokenStoreTest : public ::testing::Test {
 protected:
  testutil::TempDir tmp_{"lightshow-auth"};
  const std::string dir_ = tmp_.path();
};

TEST_F(TokenStoreTest, CreateLookupRevoke) {
  auto store = TokenStore::Open(dir_);
  ASSERT_TRUE(store.ok()) << store.status();
  auto made = (*store)->Create(Role::kAgent, "porch");
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ(made->first.name, "porch");
  EXPECT_EQ(made->second.size(), 64u);
  auto found = (*store)->Lookup(made->second);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->role, Role::kAgent);
  EXPECT_FALSE((*store)->Lookup(made->second + "x").has_value());
  EXPECT_FALSE((*store)->Lookup("").has_value());
  ASSERT_TRUE((*store)->Revoke("porch").ok());
  EXPECT_FALSE((*store)->Lookup(made->second).has_value());
  EXPECT_TRUE(absl::IsNotFound((*store)->Revoke("porch")));
}

TEST_F(TokenStoreTest, SurvivesReopenAndStoresOnlyTheHash) {
  std::string token;
  {
    auto store = TokenStore::Open(dir_);
    ASSERT_TRUE(store.ok()) << store.status();
    auto made = (*store)->Create(Role::kAdmin, "laptop");
    ASSERT_TRUE(made.ok()) << made.status();
    token = made->second;
  }
  auto store = TokenStore::Open(dir_);
  ASSERT_TRUE(store.ok()) << store.status();
  auto found = (*store)->Lookup(token);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "laptop");
  EXPECT_EQ(found->role, Role::kAdmin);
  // The token itself is nowhere in the database files.
  for (const auto& e : std::filesystem::directory_iterator(dir_)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(ss.str().find(token), std::string::npos) << e.path();
  }
}

TEST_F(TokenStoreTest, RejectsBadAndDuplicateNames) {
  auto store = TokenStore::Open(dir_);
  ASSERT_TRUE(store.ok());
  EXPECT_TRUE(absl::IsInvalidArgument((*store)->Create(Role::kAgent, "admin").status()));
  EXPECT_TRUE(absl::IsInvalidArgument((*store)->Create(Role::kAgent, "has space").status()));
  EXPECT_TRUE(absl::IsInvalidArgument((*store)->Create(Role::kAgent, std::string(65, 'a')).status()));
  EXPECT_TRUE(absl::IsInvalidArgument((*store)->Create(Role::kAgent, std::string("a\0b", 3)).status()));
  ASSERT_TRUE((*store)->Create(Role::kAgent, "pi-1").ok());
  EXPECT_TRUE(absl::IsAlreadyExists((*store)->Create(Role::kAdmin, "pi-1").status()));
  auto unnamed = (*store)->Create(Role::kAgent, "");
  ASSERT_TRUE(unnamed.ok());
  EXPECT_EQ(unnamed->first.name.rfind("agent-", 0), 0u) << unnamed->first.name;
  EXPECT_EQ((*store)->List().size(), 2u);
}

TEST(RoleTest, ParseRole) {
  EXPECT_EQ(*ParseRole("agent"), Role::kAgent);
  EXPECT_EQ(*ParseRole("admin"), Role::kAdmin);
  EXPECT_TRUE(absl::IsInvalidArgument(ParseRole("root").status()));
}

}  // namespace
}  // namespace ls::auth
