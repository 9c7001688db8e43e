#pragma once
/// The model registry: one row per trained model (table `models` in
/// DIR/catalog.db, its own connection) with its training settings, metrics,
/// status (ok / broken + reason) and which one is active.
/// Thread-safe: every method takes the store's mutex.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace ls::db { class SqliteDb; }

namespace ls::models {

/// Model kinds (ModelRecord::kind).
inline constexpr const char* kKindAutoencoder = "autoencoder";
inline constexpr const char* kKindEndDetector = "end_detector";
inline constexpr const char* kKindClassifier = "classifier";

struct ModelRecord {
  std::string id;
  std::string job_id;
  std::string arch;
  std::string settings;   ///< SettingsToText
  double train_mse = 0;
  double val_mse = 0;
  double pca_val_mse = 0;
  int train_songs = 0;
  int val_songs = 0;
  std::string status = "ok";  ///< "ok" or "broken"
  std::string message;        ///< why it is broken
  bool active = false;
  int64_t created_unix_ms = 0;
  std::string kind = kKindAutoencoder;
  std::string metrics;  ///< classification: ClassifyMetrics in protobuf text format
  std::string profile = "relay";  ///< render profile chosen when it was last activated
};

class ModelStore {
 public:
  static absl::StatusOr<std::unique_ptr<ModelStore>> Open(const std::string& data_dir);
  ~ModelStore();
  ModelStore(const ModelStore&) = delete;
  ModelStore& operator=(const ModelStore&) = delete;

  /// Inserts or replaces (a resumed job may finish twice).
  absl::Status Put(const ModelRecord& m);
  absl::StatusOr<ModelRecord> Get(const std::string& id);  ///< NOT_FOUND naming the id
  absl::StatusOr<std::vector<ModelRecord>> List();        ///< newest first
  absl::StatusOr<std::optional<ModelRecord>> Active();
  /// The newest model of `kind` whose status is ok, if any.
  absl::StatusOr<std::optional<ModelRecord>> Newest(const std::string& kind);
  /// Makes `id` the only active model; "" deactivates all (band renderer).
  absl::Status Activate(const std::string& id);
  /// The same, rendering with `profile` ("relay" or "ssr"; stored with the row).
  absl::Status Activate(const std::string& id, const std::string& profile);
  /// Deletes a model's row: NOT_FOUND for an unknown id, FAILED_PRECONDITION
  /// for the active model (activate another or 'bands' first).
  absl::Status Delete(const std::string& id);
  absl::Status MarkBroken(const std::string& id, const std::string& reason);
  /// Back to ok (its files load again).
  absl::Status MarkOk(const std::string& id);

 private:
  explicit ModelStore(std::unique_ptr<db::SqliteDb> db);
  std::mutex mu_;
  std::unique_ptr<db::SqliteDb> db_;
};

}  // namespace ls::models
