// lsctl jobs / job ID [--follow] / cancel ID: background jobs.

#include <iomanip>
#include <memory>
#include <sstream>
#include <thread>

#include "cli/client.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

std::string StateText(pb::JobState s) {
  switch (s) {
    case pb::JOB_QUEUED: return "queued";
    case pb::JOB_RUNNING: return "running";
    case pb::JOB_SUCCEEDED: return "succeeded";
    case pb::JOB_FAILED: return "failed";
    case pb::JOB_CANCELLED: return "cancelled";
    default: return "unknown";
  }
}

bool Finished(pb::JobState s) {
  return s == pb::JOB_SUCCEEDED || s == pb::JOB_FAILED || s == pb::JOB_CANCELLED;
}

std::string Loss(double v) {
  std::ostringstream o;
  o << std::setprecision(4) << v;
  return o.str();
}

Json JobJson(const pb::Job& j) {
  Json doc = ProtoToJson(j);
  doc["state"] = StateText(j.state());
  return doc;
}

int RunJobs(Context& ctx) {
  auto reply = Call(ctx, &pb::Control::Stub::ListJobs, {});
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    Json jobs = Json::array();
    for (const auto& j : reply->jobs()) jobs.push_back(JobJson(j));
    PrintJson(ctx.io().out, {{"jobs", jobs}});
    return 0;
  }
  if (reply->jobs_size() == 0) {
    ctx.io().out << "no jobs; start one with `lsctl train autoencoder`\n";
    return 0;
  }
  Table t({"ID", "KIND", "STATE", "EPOCH", "TRAIN", "VAL", "MODEL", "STARTED"});
  for (const auto& j : reply->jobs()) {
    t.AddRow({j.id(), j.kind(), StateText(j.state()),
              std::to_string(j.epoch()) + "/" + std::to_string(j.epochs()), Loss(j.train_loss()),
              Loss(j.val_loss()), j.model_id(), FormatLocalTime(j.created_unix_ms())});
  }
  t.Print(ctx.io().out);
  return 0;
}

// A failure keeps the server's bare message: `job` and FollowJob print it as it is.
absl::StatusOr<pb::Job> GetJob(Context& ctx, Connection& conn, const std::string& id) {
  pb::GetJobRequest req;
  req.set_id(id);
  pb::GetJobReply reply;
  const grpc::Status st =
      conn.Unary(&pb::Control::Stub::GetJob, req, &reply, SecondsToMs(ctx.options().timeout_s));
  if (!st.ok()) return absl::Status(static_cast<absl::StatusCode>(st.error_code()), st.error_message());
  return reply.job();
}

void PrintJob(std::ostream& out, const pb::Job& j) {
  out << FormatJobProgress(j) << "\n";
  if (!j.message().empty()) out << "  " << j.message() << "\n";
  if (j.resumed_from_epoch() > 0) out << "  resumed from the epoch " << j.resumed_from_epoch() << " checkpoint\n";
  if (j.has_classify_metrics()) {
    if (!j.model_id().empty()) out << "  model: " << j.model_id() << " (use it with `lsctl classify SONG --model " << j.model_id() << "`)\n";
    PrintClassifyMetrics(out, j.classify_metrics());
  } else if (!j.model_id().empty()) {
    out << "  model: " << j.model_id() << " (activate it with `lsctl activate " << j.model_id() << "`)\n";
  }
}

int RunJob(Context& ctx, const std::string& id, bool follow) {
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  if (follow) return FollowJob(ctx, **conn, id);
  auto job = GetJob(ctx, **conn, id);
  if (!job.ok()) return ctx.Fail(job.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"job", JobJson(*job)}});
  } else {
    PrintJob(ctx.io().out, *job);
  }
  return 0;
}

int RunCancel(Context& ctx, const std::string& id) {
  pb::CancelJobRequest req;
  req.set_id(id);
  auto reply = Call(ctx, &pb::Control::Stub::CancelJob, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"job", JobJson(reply->job())}});
  } else {
    ctx.io().out << reply->job().id() << " cancelled\n";
  }
  return 0;
}

}  // namespace

std::string FormatJobProgress(const pb::Job& j) {
  std::ostringstream o;
  o << j.id() << "  " << StateText(j.state()) << "  epoch " << j.epoch() << "/" << j.epochs() << "  [";
  const int width = 20;
  const int filled = j.epochs() > 0 ? static_cast<int>(width * j.epoch() / j.epochs()) : 0;
  o << std::string(filled, '#') << std::string(width - filled, '.') << "]";
  if (j.epoch() > 0 && j.train_loss() > 0) o << "  train " << Loss(j.train_loss());
  // Classification jobs have no validation loss: their figures come at the end.
  if (j.epoch() > 0 && j.val_loss() > 0) o << "  val " << Loss(j.val_loss());
  if (j.state() == pb::JOB_RUNNING && j.epoch() > 0) o << "  ETA " << FormatDuration(j.eta_s());
  return o.str();
}

int FollowJob(Context& ctx, Connection& conn, const std::string& id) {
  const bool json = ctx.options().json;
  LiveLine line(json ? ctx.io().err : ctx.io().out, json ? ctx.io().err_tty : ctx.io().out_tty, 0,
                std::chrono::milliseconds(json ? 5000 : 1000));
  pb::Job last;
  while (true) {
    auto job = GetJob(ctx, conn, id);
    if (!job.ok()) return ctx.Fail(job.status());
    const bool changed = job->epoch() != last.epoch() || job->state() != last.state();
    last = *job;
    line.Show(FormatJobProgress(last), changed);
    if (Finished(last.state())) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
  line.Finish();
  if (json) {
    PrintJson(ctx.io().out, {{"job", JobJson(last)}});
  } else {
    PrintJob(ctx.io().out, last);
  }
  if (last.state() != pb::JOB_SUCCEEDED) {
    return ctx.Fail(last.state() == pb::JOB_CANCELLED ? "CANCELLED" : "ABORTED",
                    "job " + id + " " + StateText(last.state()) +
                        (last.message().empty() ? "" : ": " + last.message()));
  }
  return 0;
}

void AddJobsCommands(CLI::App& app, Context& ctx) {
  auto* jobs = app.add_subcommand("jobs", "List background jobs (training)");
  AddJobsPruneCommand(*jobs, ctx);
  jobs->callback([&ctx, jobs] {
    if (jobs->get_subcommands().empty()) ctx.action = [&ctx] { return RunJobs(ctx); };
  });

  auto id = std::make_shared<std::string>();
  auto follow = std::make_shared<bool>(false);
  auto* job = app.add_subcommand("job", "Show one job");
  job->add_option("ID", *id, "job id (job-N)")->required();
  job->add_flag("--follow", *follow, "show live progress until the job ends");
  job->callback([&ctx, id, follow] { ctx.action = [&ctx, id, follow] { return RunJob(ctx, *id, *follow); }; });

  auto cid = std::make_shared<std::string>();
  auto* cancel = app.add_subcommand("cancel", "Cancel a queued or running job");
  cancel->add_option("ID", *cid, "job id (job-N)")->required();
  cancel->callback([&ctx, cid] { ctx.action = [&ctx, cid] { return RunCancel(ctx, *cid); }; });
}

int ReportQueuedJob(Context& ctx, Connection& conn, const pb::Job& job, bool follow) {
  if (follow) return FollowJob(ctx, conn, job.id());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"job", JobJson(job)}});
  } else {
    ctx.io().out << job.id() << " queued (follow it with `lsctl job " << job.id() << " --follow`)\n";
  }
  return 0;
}

}  // namespace ls::cli
