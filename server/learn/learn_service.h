#pragma once
/// Learned light shows behind the Control API: training jobs, the model
/// registry, rendering with the active model (the ingest hook), re-rendering
/// stored shows when the active model changes, and show reports.
/// Methods return absl::Status; none blocks on training. Report() and the
/// re-render do heavy work and run on worker threads (never a gRPC callback).
/// Thread-safe.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "catalog/blob_store.h"
#include "catalog/catalog.h"
#include "ingest/ingestor.h"
#include "jobs/job_runner.h"
#include "jobs/thread_pool.h"
#include "metrics/learn_snapshot.h"
#include "lightshow/v1/classify.pb.h"
#include "models/learned_model.h"
#include "models/model_store.h"
#include "learn/classify_song.h"
#include "learn/show_report.h"
#include "models/train_settings.h"

namespace ls::learn {

class LearnService {
 public:
  /// Opens the job and model tables, registers the training job kind, and
  /// installs the render hook in `ingestor`. Pointers outlive the service.
  static absl::StatusOr<std::unique_ptr<LearnService>> Open(const std::string& data_dir,
                                                            catalog::Catalog* catalog,
                                                            const catalog::BlobStore* blobs,
                                                            ingest::Ingestor* ingestor,
                                                            jobs::ThreadPool* pool);
  ~LearnService();

  /// Re-queues jobs a previous run left queued or running.
  absl::Status ResumeJobs();
  /// Queues a re-render of every playable song (outdated_only: only those
  /// whose show predates the current analysis, or was not made by the active
  /// model and profile — an upgrade, or an activation whose re-renders a
  /// shutdown or crash cut short); returns how many were queued.
  absl::StatusOr<int> QueueRerenders(bool outdated_only);
  /// Stops training (rows stay running → resumed next start).
  void Shutdown();

  /// `songs`: empty or {"all"} = every playable song, else ids/prefixes.
  /// INVALID_ARGUMENT naming the field for bad settings or unknown songs.
  absl::StatusOr<jobs::JobRecord> StartTraining(models::TrainSettings settings);
  absl::StatusOr<std::vector<jobs::JobRecord>> Jobs();
  absl::StatusOr<jobs::JobRecord> Job(const std::string& id);
  absl::StatusOr<jobs::JobRecord> Cancel(const std::string& id);

  absl::StatusOr<std::vector<models::ModelRecord>> Models();
  /// NOT_FOUND for an unknown model, FAILED_PRECONDITION for a broken one;
  /// "bands" returns to the band renderer. Queues re-renders of every stored
  /// show on the worker pool; returns the model and the number queued.
  absl::StatusOr<std::pair<models::ModelRecord, int>> Activate(const std::string& id);
  /// The same with a render profile ("" = relay, or "ssr"), stored with the
  /// activation; INVALID_ARGUMENT naming `profile` for any other value.
  absl::StatusOr<std::pair<models::ModelRecord, int>> Activate(const std::string& id, const std::string& profile);
  /// Loads every model's files once and marks those that do not load broken
  /// with the reason (and broken ones that load again ok); the server goes on
  /// either way. Called by Open().
  void CheckModels();

  /// Heavy (decode + STFT + inference): call on a worker thread.
  absl::StatusOr<ShowReport> Report(const std::string& song_id);

  /// Jobs, training progress and models for the metrics endpoint (reads the tables).
  absl::StatusOr<metrics::LearnSnapshot> MetricsSnapshot();
  /// The job kinds this service runs.
  std::vector<std::string> JobKinds() const { return runner_->Kinds(); }
  /// Told when a job finishes; set before ResumeJobs().
  void SetJobFinishListener(jobs::JobFinishListener l) { runner_->SetFinishListener(std::move(l)); }
  // ---- classification (learn_classify.cc)
  /// Checks the request (classify_request.h) and queues its training job;
  /// nothing is stored when it is refused. validate_only: only the check (the
  /// returned job has no id).
  absl::StatusOr<jobs::JobRecord> StartClassifyTraining(lightshow::v1::StartClassifyTrainingRequest req);
  /// What a classification job's model measured (none for other jobs or
  /// before it succeeded).
  std::optional<lightshow::v1::ClassifyMetrics> JobMetrics(const jobs::JobRecord& job);
  /// Classifies a stored song with a classifier or end detector ("end" /
  /// "classifier" = the newest of that kind). Sets `kind` as soon as the
  /// model is known (for metrics). Heavy: call on a worker thread.
  absl::StatusOr<ClassifyOutcome> Classify(const ClassifyQuery& query, std::string* kind);

  /// Deletes a model: its row (refused for the active one, see
  /// ModelStore::Delete), then its files under DATA_DIR/models and any
  /// loaded copy. Shows rendered with it keep playing (their masks are stored).
  absl::Status DeleteModel(const std::string& id);
  /// Deletes finished jobs' rows, then their checkpoint dirs; returns their ids.
  absl::StatusOr<std::vector<std::string>> PruneJobs();

 private:
  LearnService() = default;
  /// The loaded model, or an error (the model is then marked broken).
  absl::StatusOr<std::shared_ptr<models::LearnedModel>> Loaded(const std::string& id);
  /// The classification model a query names (an id, "end" or "classifier").
  absl::StatusOr<models::ModelRecord> ClassifyModel(const std::string& want);
  /// A classification model's network, loaded once; a broken file marks it broken.
  absl::StatusOr<LoadedClassifier> LoadClassifier(const models::ModelRecord& rec);
  absl::StatusOr<std::optional<ingest::RenderedShow>> Render(const audio::Audio& audio,
                                                             const dsp::Spectrogram& spec,
                                                             const analysis::MusicAnalysis& music);

  std::string data_dir_, models_dir_;
  catalog::Catalog* catalog_ = nullptr;
  const catalog::BlobStore* blobs_ = nullptr;
  ingest::Ingestor* ingestor_ = nullptr;
  jobs::ThreadPool* pool_ = nullptr;
  std::unique_ptr<jobs::JobStore> job_store_;
  std::unique_ptr<models::ModelStore> model_store_;
  std::unique_ptr<jobs::JobRunner> runner_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<models::LearnedModel>> loaded_;
  std::map<std::string, std::shared_ptr<const classify::ClipModel>> clip_models_;
  std::map<std::string, std::shared_ptr<const classify::EndModel>> end_models_;
};

}  // namespace ls::learn
