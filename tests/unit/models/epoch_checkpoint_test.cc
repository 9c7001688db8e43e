// EpochCheckpoint: weights and Adam's moments come back from the last saved
// epoch; a checkpoint of another network, past the job's epochs, or with
// moments of another epoch (a kill between the two writes) is handled.
#include "learn/epoch_checkpoint.h"

#include <filesystem>
#include <unistd.h>

#include "common/files.h"
#include "gtest/gtest.h"
#include "temp_dir.h"
#include "nn/layer_spec.h"

namespace ls::learn {
using jobs::JobContext;
using jobs::JobRecord;
using jobs::JobStore;
namespace {

nn::Sequential Net(int hidden, float fill) {
  nn::Sequential net;
  EXPECT_TRUE(net.Add(nn::spec::Dense(4, hidden)).ok());
  EXPECT_TRUE(net.Add(nn::spec::Dense(hidden, 2)).ok());
  net.params().setConstant(fill);
  return net;
}

// One Adam step with a made-up gradient, so the moments are not zero.
void Step(nn::Sequential& net, nn::Adam& adam) {
  nn::Vector grad = nn::Vector::LinSpaced(net.NumParams(), -1, 1);
  adam.BeginStep();
  adam.Update(net.params().data(), grad.data(), 0, net.NumParams());
}

struct Fixture {
  testutil::TempDir tmp{"ls-ckpt"};
  std::string dir = tmp.path();
  std::unique_ptr<JobStore> store = *JobStore::Open(dir);
  JobRecord job = *store->Create("train_test", "", 10);
  JobContext ctx{job, [] { return false; }, store.get()};
};

TEST(EpochCheckpoint, RestoresWeightsAndMomentsOfTheLastEpoch) {
  Fixture f;
  EpochCheckpoint ckpt(f.dir, f.job.id);
  nn::Sequential net = Net(3, 0.5f);
  nn::Adam adam(net.NumParams());
  Step(net, adam);
  ASSERT_TRUE(ckpt.Save(1, net, adam).ok());
  Step(net, adam);
  ASSERT_TRUE(ckpt.Save(2, net, adam).ok());

  nn::Sequential back = Net(3, 0.0f);
  nn::Adam fresh(back.NumParams());
  EXPECT_EQ(ckpt.Restore(f.ctx, 10, &back, &fresh), 2);
  EXPECT_EQ(back.params(), net.params());
  EXPECT_EQ(fresh.SaveState(), adam.SaveState());
  auto row = f.store->Get(f.job.id);
  EXPECT_EQ(row->resumed_from, 2);
  EXPECT_EQ(row->message.find("fresh optimizer moments"), std::string::npos);
}

TEST(EpochCheckpoint, NothingToResumeLeavesTheNetworkAlone) {
  Fixture f;
  EpochCheckpoint ckpt(f.dir, f.job.id);
  nn::Sequential net = Net(3, 0.25f);
  nn::Adam adam(net.NumParams());
  EXPECT_EQ(ckpt.Restore(f.ctx, 10, &net, &adam), 0);  // none saved
  ASSERT_TRUE(ckpt.Save(5, net, adam).ok());
  nn::Sequential other = Net(7, 0.0f);  // another network size
  nn::Adam other_adam(other.NumParams());
  EXPECT_EQ(ckpt.Restore(f.ctx, 10, &other, &other_adam), 0);
  EXPECT_EQ(other.params(), Net(7, 0.0f).params());
  nn::Sequential same = Net(3, 0.0f);
  EXPECT_EQ(ckpt.Restore(f.ctx, 4, &same, &adam), 0);  // past the job's epochs
  EXPECT_EQ(same.params(), Net(3, 0.0f).params());
}

TEST(EpochCheckpoint, MomentsOfAnotherEpochAreNotUsed) {
  Fixture f;
  EpochCheckpoint ckpt(f.dir, f.job.id);
  nn::Sequential net = Net(3, 0.5f);
  nn::Adam adam(net.NumParams());
  Step(net, adam);
  ASSERT_TRUE(ckpt.Save(1, net, adam).ok());
  // A kill after epoch 3's moments were written but before its weights: the
  // weights say epoch 1, the file of epoch 1's parity holds epoch 3's moments.
  Step(net, adam);
  ASSERT_TRUE(WriteFileAtomic(ckpt.dir() + "/optimizer.1.state", adam.SaveState() + "E0000003").ok());
  nn::Sequential back = Net(3, 0.0f);
  nn::Adam fresh(back.NumParams());
  const std::string fresh_state = fresh.SaveState();
  EXPECT_EQ(ckpt.Restore(f.ctx, 10, &back, &fresh), 1);
  EXPECT_EQ(fresh.SaveState(), fresh_state);  // moments stay fresh, and the job says so
  EXPECT_NE(f.store->Get(f.job.id)->message.find("fresh optimizer moments"), std::string::npos);
}

}  // namespace
}  // namespace ls::learn
