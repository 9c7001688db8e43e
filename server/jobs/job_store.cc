#include "jobs/job_store.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "db/sqlite_db.h"
#include "common/clock.h"
#include "common/status_macros.h"

namespace ls::jobs {
namespace {

using db::SqlRow;
using db::SqlValue;

constexpr const char* kColumns =
    "id, kind, state, params, epoch, epochs, train_loss, val_loss, eta_s, message, result, "
    "resumed_from, created_unix_ms, updated_unix_ms";

JobRecord ReadJob(const SqlRow& r) {
  JobRecord j;
  j.id = r.Text("id");
  j.kind = r.Text("kind");
  ParseJobState(r.Text("state"), &j.state);
  j.params = r.Text("params");
  j.epoch = static_cast<int>(r.Int("epoch"));
  j.epochs = static_cast<int>(r.Int("epochs"));
  j.train_loss = r.Real("train_loss");
  j.val_loss = r.Real("val_loss");
  j.eta_s = r.Real("eta_s");
  j.message = r.Text("message");
  j.result = r.Text("result");
  j.resumed_from = static_cast<int>(r.Int("resumed_from"));
  j.created_unix_ms = r.Int("created_unix_ms");
  j.updated_unix_ms = r.Int("updated_unix_ms");
  return j;
}

}  // namespace

const char* JobStateName(JobState s) {
  switch (s) {
    case JobState::kQueued: return "queued";
    case JobState::kRunning: return "running";
    case JobState::kSucceeded: return "succeeded";
    case JobState::kFailed: return "failed";
    case JobState::kCancelled: return "cancelled";
  }
  return "unknown";
}

bool ParseJobState(std::string_view name, JobState* s) {
  for (JobState c : {JobState::kQueued, JobState::kRunning, JobState::kSucceeded,
                     JobState::kFailed, JobState::kCancelled}) {
    if (name == JobStateName(c)) {
      *s = c;
      return true;
    }
  }
  return false;
}

bool IsFinished(JobState s) {
  return s == JobState::kSucceeded || s == JobState::kFailed || s == JobState::kCancelled;
}

bool CanTransition(JobState from, JobState to) {
  switch (from) {
    case JobState::kQueued:
      return to == JobState::kRunning || to == JobState::kCancelled || to == JobState::kFailed;
    case JobState::kRunning:
      return to == JobState::kSucceeded || to == JobState::kFailed ||
             to == JobState::kCancelled || to == JobState::kQueued;
    default:
      return false;  // finished states are final
  }
}

JobStore::JobStore(std::unique_ptr<db::SqliteDb> db) : db_(std::move(db)) {}
JobStore::~JobStore() = default;

absl::StatusOr<std::unique_ptr<JobStore>> JobStore::Open(const std::string& data_dir) {
  LS_ASSIGN_OR_RETURN(auto db, db::SqliteDb::Open(absl::StrCat(data_dir, "/catalog.db")));
  LS_RETURN_IF_ERROR(db->Exec(R"sql(
    CREATE TABLE IF NOT EXISTS jobs (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT UNIQUE NOT NULL,
      kind TEXT NOT NULL,
      state TEXT NOT NULL,
      params TEXT NOT NULL,
      epoch INTEGER NOT NULL DEFAULT 0,
      epochs INTEGER NOT NULL DEFAULT 0,
      train_loss REAL NOT NULL DEFAULT 0,
      val_loss REAL NOT NULL DEFAULT 0,
      eta_s REAL NOT NULL DEFAULT 0,
      message TEXT NOT NULL DEFAULT '',
      result TEXT NOT NULL DEFAULT '',
      resumed_from INTEGER NOT NULL DEFAULT 0,
      created_unix_ms INTEGER NOT NULL,
      updated_unix_ms INTEGER NOT NULL
    );
  )sql"));
  return std::unique_ptr<JobStore>(new JobStore(std::move(db)));
}

absl::StatusOr<JobRecord> JobStore::Create(const std::string& kind, const std::string& params,
                                           int epochs) {
  std::lock_guard<std::mutex> lock(mu_);
  int64_t next = 1;
  // sqlite_sequence (AUTOINCREMENT) remembers the highest seq ever used, so
  // pruned jobs' ids (and the model ids made from them) are never reused.
  LS_RETURN_IF_ERROR(db_->Query(
      "SELECT MAX(COALESCE((SELECT MAX(seq) FROM jobs), 0), "
      "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'jobs'), 0)) + 1",
      {}, [&](const SqlRow& r) { next = r.Int(0); }));
  std::string id = absl::StrCat("job-", next);
  int64_t now = NowUnixMs();
  LS_RETURN_IF_ERROR(db_->Run(
      "INSERT INTO jobs (seq, id, kind, state, params, epochs, created_unix_ms, updated_unix_ms) "
      "VALUES (?,?,?,?,?,?,?,?)",
      {SqlValue::Int(next), SqlValue::Text(id), SqlValue::Text(kind),
       SqlValue::Text(JobStateName(JobState::kQueued)), SqlValue::Text(params),
       SqlValue::Int(epochs), SqlValue::Int(now), SqlValue::Int(now)}));
  return GetLocked(id);
}

absl::StatusOr<std::vector<std::string>> JobStore::DeleteFinished() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::string> ids;
  const std::string finished = "state IN ('succeeded', 'failed', 'cancelled')";
  LS_RETURN_IF_ERROR(db_->Transaction([&] {
    LS_RETURN_IF_ERROR(db_->Query(absl::StrCat("SELECT id FROM jobs WHERE ", finished, " ORDER BY seq"), {},
                                  [&](const SqlRow& r) { ids.push_back(r.Text(0)); }));
    return db_->Run(absl::StrCat("DELETE FROM jobs WHERE ", finished), {});
  }));
  return ids;
}

absl::StatusOr<JobRecord> JobStore::GetLocked(const std::string& id) {
  std::optional<JobRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(absl::StrCat("SELECT ", kColumns, " FROM jobs WHERE id = ?"),
                                {SqlValue::Text(id)}, [&](const SqlRow& r) { out = ReadJob(r); }));
  if (!out) return absl::NotFoundError(absl::StrCat("no job with id '", id, "'"));
  return *out;
}

absl::StatusOr<JobRecord> JobStore::Get(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return GetLocked(id);
}

absl::StatusOr<std::vector<JobRecord>> JobStore::List() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<JobRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(absl::StrCat("SELECT ", kColumns, " FROM jobs ORDER BY seq DESC"),
                                {}, [&](const SqlRow& r) { out.push_back(ReadJob(r)); }));
  return out;
}

absl::StatusOr<std::vector<JobRecord>> JobStore::Unfinished() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<JobRecord> out;
  LS_RETURN_IF_ERROR(db_->Query(
      absl::StrCat("SELECT ", kColumns,
                   " FROM jobs WHERE state IN ('queued', 'running') ORDER BY seq"),
      {}, [&](const SqlRow& r) { out.push_back(ReadJob(r)); }));
  return out;
}

absl::StatusOr<JobRecord> JobStore::Transition(const std::string& id, JobState to,
                                               const std::string& message) {
  std::lock_guard<std::mutex> lock(mu_);
  LS_ASSIGN_OR_RETURN(JobRecord j, GetLocked(id));
  if (!CanTransition(j.state, to)) {
    return absl::FailedPreconditionError(absl::StrCat("job ", id, " is ", JobStateName(j.state),
                                                      "; it cannot become ", JobStateName(to)));
  }
  LS_RETURN_IF_ERROR(db_->Run(
      "UPDATE jobs SET state = ?, message = CASE WHEN ? = '' THEN message ELSE ? END, "
      "eta_s = CASE WHEN ? IN ('queued', 'running') THEN eta_s ELSE 0 END, updated_unix_ms = ? "
      "WHERE id = ?",
      {SqlValue::Text(JobStateName(to)), SqlValue::Text(message), SqlValue::Text(message),
       SqlValue::Text(JobStateName(to)), SqlValue::Int(NowUnixMs()), SqlValue::Text(id)}));
  return GetLocked(id);
}

absl::Status JobStore::SetProgress(const std::string& id, int epoch, double train_loss,
                                   double val_loss, double eta_s) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Run(
      "UPDATE jobs SET epoch = ?, train_loss = ?, val_loss = ?, eta_s = ?, updated_unix_ms = ? "
      "WHERE id = ?",
      {SqlValue::Int(epoch), SqlValue::Real(train_loss), SqlValue::Real(val_loss),
       SqlValue::Real(eta_s), SqlValue::Int(NowUnixMs()), SqlValue::Text(id)});
}

absl::Status JobStore::SetResult(const std::string& id, const std::string& result) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Run("UPDATE jobs SET result = ? WHERE id = ?",
                  {SqlValue::Text(result), SqlValue::Text(id)});
}

absl::Status JobStore::SetResumedFrom(const std::string& id, int epoch) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Run("UPDATE jobs SET resumed_from = ? WHERE id = ?",
                  {SqlValue::Int(epoch), SqlValue::Text(id)});
}

absl::Status JobStore::SetMessage(const std::string& id, const std::string& message) {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->Run("UPDATE jobs SET message = ? WHERE id = ?",
                  {SqlValue::Text(message), SqlValue::Text(id)});
}

}  // namespace ls::jobs
