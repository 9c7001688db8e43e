#include "learn/epoch_checkpoint.h"

#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/files.h"
#include "common/status_macros.h"
#include "nn/model_file.h"

namespace ls::learn {
namespace {

// 8 bytes naming the epoch an optimizer state belongs to (appended to it).
std::string EpochTag(int epoch) {
  char tag[9];
  std::snprintf(tag, sizeof tag, "E%07d", epoch % 10000000);
  return std::string(tag, 8);
}

}  // namespace

EpochCheckpoint::EpochCheckpoint(const std::string& data_dir, const std::string& job_id)
    : dir_(absl::StrCat(data_dir, "/jobs/", job_id)), weights_(dir_ + "/checkpoint.lsnn") {}

std::string EpochCheckpoint::OptimizerPath(int epoch) const {
  return absl::StrCat(dir_, "/optimizer.", epoch % 2, ".state");
}

int EpochCheckpoint::Restore(jobs::JobContext& ctx, int max_epoch, nn::Sequential* model, nn::Adam* adam) const {
  auto loaded = nn::LoadModel(weights_);
  if (!loaded.ok()) return 0;  // none yet (or torn): start from scratch
  int e = 0;
  if (!absl::SimpleAtoi(loaded->metadata["epoch"], &e) || e < 1 || e > max_epoch ||
      loaded->model.NumParams() != model->NumParams()) {
    return 0;
  }
  *model = std::move(loaded->model);
  ctx.ResumedFrom(e).IgnoreError();
  auto state = ReadFile(OptimizerPath(e));
  const bool same_epoch =
      state.ok() && state->size() > 8 && state->compare(state->size() - 8, 8, EpochTag(e)) == 0;
  // LoadState leaves the moments untouched (fresh) when it refuses them.
  if (!same_epoch || !adam->LoadState(std::string_view(*state).substr(0, state->size() - 8)).ok()) {
    ctx.Note(absl::StrCat("resumed from epoch ", e, " with fresh optimizer moments (no matching state)"))
        .IgnoreError();
  }
  return e;
}

absl::Status EpochCheckpoint::Save(int epoch, const nn::Sequential& model, const nn::Adam& adam) const {
  LS_RETURN_IF_ERROR(MakeDirs(dir_));
  LS_RETURN_IF_ERROR(WriteFileAtomic(OptimizerPath(epoch), adam.SaveState() + EpochTag(epoch)));
  return nn::SaveModel(weights_, model, {{"epoch", std::to_string(epoch)}});
}

}  // namespace ls::learn
