#pragma once
/// The lsctl commands. Each Add*Command registers a subcommand whose
/// callback sets Context::action; the pure Print*/…Json functions shape the
/// output and are what the tests check.

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "cli/json.h"
#include "cli/options.h"
#include "lightshow/v1/control.pb.h"

namespace ls::cli {

// ---- submit.cc
void AddSubmitCommand(CLI::App& app, Context& ctx);

/// Why `path` cannot be uploaded (missing, a directory, unreadable), or ""
/// when it looks like a readable regular file.
std::string CheckLocalFile(const std::string& path);

/// One uploaded song for `submit --json`: the song's fields plus "file",
/// "duplicate" and "timings" ({stage: seconds}).
Json SubmittedSongJson(const std::string& file, const lightshow::v1::UploadReply& reply);

/// Human lines for one uploaded song (id prefix, name, duration, frames,
/// duplicate note, then the stage timings).
void PrintSubmitted(std::ostream& out, const lightshow::v1::UploadReply& reply);

// ---- songs.cc
void AddSongsCommands(CLI::App& app, Context& ctx);
void PrintSongsTable(std::ostream& out, const lightshow::v1::ListSongsReply& reply);
void PrintSong(std::ostream& out, const lightshow::v1::GetSongReply& reply);

// ---- play.cc
void AddPlayCommands(CLI::App& app, Context& ctx);

/// `--agents` value → agent ids: "all" (or "*") = every connected agent
/// (empty list); else comma-separated ids. Throws CLI::ValidationError on
/// an empty id.
std::vector<std::string> ParseAgentList(const std::string& text);

void PrintPlay(std::ostream& out, const lightshow::v1::PlayReply& reply);

// ---- watch.cc
class Connection;

void AddWatchCommand(CLI::App& app, Context& ctx);

/// Streams WatchShow(`play_id`) and draws progress until the show is
/// FINISHED or STOPPED (human mode: on stdout; --json: on stderr, and only
/// on a terminal). `period_ns` is the frame period (0 = ask GetSong).
/// `total_wait` is the call's deadline. Leaves the last status received in
/// `last`. OK when the show ended; the stream's error otherwise, ABORTED
/// when it closed before the end.
grpc::Status WatchShow(Context& ctx, Connection& conn, const std::string& play_id,
                       int64_t period_ns, std::chrono::milliseconds total_wait,
                       lightshow::v1::ShowStatus* last);

/// One status line: "playing  0:12.3 / 0:30.0  ●○●●○○○●  jingle.wav  agents: pi-1, pi-2".
std::string FormatShowStatus(const lightshow::v1::ShowStatus& status, int64_t period_ns);

// ---- agents.cc
void AddAgentsCommand(CLI::App& app, Context& ctx);
void PrintAgentsTable(std::ostream& out, const lightshow::v1::ListAgentsReply& reply);

// ---- tokens.cc
/// `tokens create --role agent|admin [--name N]`, `tokens list`, `tokens revoke NAME`.
void AddTokensCommands(CLI::App& app, Context& ctx);

// ---- train.cc, jobs.cc, models.cc, report.cc: learned shows
/// `train autoencoder [--songs …] [--arch …] … [--follow]`.
void AddTrainCommand(CLI::App& app, Context& ctx);
/// `jobs`, `job ID [--follow]`, `cancel ID`.
void AddJobsCommands(CLI::App& app, Context& ctx);
/// `models`, `activate MODEL`.
void AddModelsCommands(CLI::App& app, Context& ctx);
/// `report SONG [--svg FILE]`.
void AddReportCommand(CLI::App& app, Context& ctx);
/// "job-3  running  epoch 2/10  [####......]  train 0.012  val 0.015  ETA 0:41".
std::string FormatJobProgress(const lightshow::v1::Job& job);
/// Polls GetJob until the job ends, drawing its progress; non-zero unless it succeeded.
int FollowJob(Context& ctx, Connection& conn, const std::string& id);
/// What every `lsctl train …` prints for a queued job (or follows it with `follow`).
int ReportQueuedJob(Context& ctx, Connection& conn, const lightshow::v1::Job& job, bool follow);
/// The report's plot: 8 channel lanes under the loudness curve, dark end shaded.
std::string ReportSvg(const lightshow::v1::GetReportReply& report);

// ---- classify.cc: classification (after AddTrainCommand: adds to `train`)
/// `train end-detector …`, `train classifier --manifest FILE …`, `classify SONG --model M`.
void AddClassifyCommands(CLI::App& app, Context& ctx);
/// Uploads one file like `submit` (progress bar on a terminal). On failure
/// returns false with the gRPC code name (or "LOCAL") and the message.
bool UploadFile(Context& ctx, Connection& conn, const std::string& path,
                lightshow::v1::UploadReply* reply, std::string* code, std::string* error);
// ---- classify_print.cc
/// A classification job's figures: songs, accuracy / F1, per class, confusion matrix.
void PrintClassifyMetrics(std::ostream& out, const lightshow::v1::ClassifyMetrics& m);
/// `classify SONG`: the label with its probabilities and one row per clip, or
/// where an end detector puts the song's end.
void PrintClassify(std::ostream& out, const lightshow::v1::ClassifyReply& r);

// ---- export.cc, preview.cc, delete.cc: taking shows out, deleting
/// `export SONG --fseq FILE [--step-ms N] [--compression C] [--media NAME]`.
void AddExportCommand(CLI::App& app, Context& ctx);
/// `preview SONG -o FILE.html [--colors LIST]`.
void AddPreviewCommand(CLI::App& app, Context& ctx);
/// `rm SONG…`.
void AddDeleteCommands(CLI::App& app, Context& ctx);
/// `models rm MODEL` (a subcommand of `models`).
void AddModelRmCommand(CLI::App& models, Context& ctx);
/// `jobs prune` (a subcommand of `jobs`).
void AddJobsPruneCommand(CLI::App& jobs, Context& ctx);
// ---- playlist.cc, schedule.cc: playlists and the nightly schedule
/// `playlist create|add|remove|move|set|show|list|rm`.
void AddPlaylistCommands(CLI::App& app, Context& ctx);
/// `schedule add|list|rm`, `now`.
void AddScheduleCommands(CLI::App& app, Context& ctx);

}  // namespace ls::cli
