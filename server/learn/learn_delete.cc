// LearnService: deleting models (`lsctl models rm`) and finished jobs (`lsctl jobs prune`).
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "learn/learn_service.h"

namespace ls::learn {

absl::Status LearnService::DeleteModel(const std::string& id) {
  if (id.empty() || id == "bands") {
    return absl::InvalidArgumentError(absl::StrCat("model: '", id, "' is not a stored model"));
  }
  // Row first: a crash before the files go leaves only unreferenced files.
  LS_RETURN_IF_ERROR(model_store_->Delete(id));
  {
    std::lock_guard<std::mutex> lock(mu_);
    loaded_.erase(id);
    clip_models_.erase(id);
    end_models_.erase(id);
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  // Every file of the model is "<id>.<ext>" (.lsnn, .pca, .lsend, …).
  for (const auto& e : fs::directory_iterator(models_dir_, ec)) {
    if (absl::StartsWith(e.path().filename().string(), id + ".")) fs::remove(e.path(), ec);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> LearnService::PruneJobs() {
  LS_ASSIGN_OR_RETURN(auto ids, job_store_->DeleteFinished());
  std::error_code ec;
  for (const auto& id : ids) std::filesystem::remove_all(absl::StrCat(data_dir_, "/jobs/", id), ec);
  return ids;
}

}  // namespace ls::learn
