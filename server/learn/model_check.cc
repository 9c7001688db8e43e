// LearnService::CheckModels: every model's files are loaded once at start, so
// a file damaged on disk shows as a broken model (with the reason) before
// anyone uses it, and the server and the other models go on.
#include "common/log.h"

#include "absl/strings/str_cat.h"
#include "classify/clip_model_file.h"
#include "classify/end_model_file.h"
#include "common/files.h"
#include "learn/classify_job.h"
#include "learn/learn_service.h"

namespace ls::learn {
namespace {

// Loads a model's files the way their users do; the error says what is wrong.
absl::Status LoadModelFiles(const std::string& dir, const models::ModelRecord& rec) {
  if (rec.kind == models::kKindAutoencoder) return models::LearnedModel::Load(dir, rec.id).status();
  const bool end = rec.kind == models::kKindEndDetector;
  auto bytes = ReadFile(end ? models::EndModelPath(dir, rec.id) : models::ModelPath(dir, rec.id));
  if (!bytes.ok()) return bytes.status();
  return end ? classify::ParseEndModel(*bytes).status() : classify::ParseClipModel(*bytes).status();
}

}  // namespace

void LearnService::CheckModels() {
  auto models = model_store_->List();
  if (!models.ok()) {
    LogError(absl::StrCat("cannot list models: ", models.status().ToString()));
    return;
  }
  for (const auto& rec : *models) {
    const absl::Status st = LoadModelFiles(models_dir_, rec);
    if (!st.ok() && rec.status == "ok") {
      LogError(absl::StrCat("model ", rec.id, " is broken: ", st.ToString()));
      model_store_->MarkBroken(rec.id, std::string(st.message())).IgnoreError();
    } else if (st.ok() && rec.status != "ok") {
      // Its files were put back: usable again.
      LogInfo(absl::StrCat("model ", rec.id, " loads again"));
      model_store_->MarkOk(rec.id).IgnoreError();
    }
  }
}

}  // namespace ls::learn
