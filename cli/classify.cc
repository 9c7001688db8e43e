// lsctl train end-detector / train classifier / classify: classification
// models as background jobs, and classifying a song (local files are
// uploaded first, like `submit`, then referred to by song id).

#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/audio_probe.h"
#include "cli/classify_files.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

struct EndOptions {
  std::string songs = "all";
  std::string labels;
  std::string arch = "context";
  bool follow = false;
};

struct ClassifierOptions {
  std::string manifest;
  std::string arch = "mlp";
  double clip_s = 0;
  int64_t epochs = 30;
  bool follow = false;
};

struct ClassifyOptions {
  std::string target;
  std::string model;
};

absl::StatusOr<std::string> ReadLocal(const std::string& path, const std::string& what) {
  const std::string why = CheckLocalFile(path);
  if (!why.empty()) return absl::NotFoundError(absl::StrCat(what, ": ", path, ": ", why));
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A row's song: a local file to upload, or a song id (prefix) for the server.
struct SongRef {
  std::string file;
  std::string song_id;
};

absl::StatusOr<SongRef> Classify(const std::string& entry, const std::string& base, const std::string& where) {
  const std::string path = ResolveLocalPath(entry, base);
  if (!path.empty()) {
    const std::string why = CheckLocalFile(path);
    if (!why.empty()) return absl::InvalidArgumentError(absl::StrCat(where, ": ", entry, ": ", why));
    return SongRef{path, ""};
  }
  if (LooksLikeSongId(entry)) return SongRef{"", entry};
  return absl::NotFoundError(absl::StrCat(where, ": no file or song id '", entry, "'"));
}

// Uploads `ref.file` (if any) and returns the song id to send.
absl::StatusOr<std::string> Upload(Context& ctx, Connection& conn, const SongRef& ref, const std::string& where) {
  if (ref.file.empty()) return ref.song_id;
  pb::UploadReply reply;
  std::string code, error;
  if (!UploadFile(ctx, conn, ref.file, &reply, &code, &error)) {
    absl::StatusCode c = absl::StatusCode::kInvalidArgument;
    if (code == "NOT_FOUND") c = absl::StatusCode::kNotFound;
    if (code == "UNAVAILABLE") c = absl::StatusCode::kUnavailable;
    if (code == "RESOURCE_EXHAUSTED") c = absl::StatusCode::kResourceExhausted;
    return absl::Status(c, absl::StrCat(where, ": ", ref.file, ": ", error));
  }
  return reply.song().id();
}

// A local file's length for the server's check, or why it is not audio.
absl::StatusOr<double> Probe(const SongRef& ref, const std::string& where) {
  if (ref.file.empty()) return 0.0;
  auto d = ProbeDurationS(ref.file);
  if (!d.ok()) return absl::InvalidArgumentError(absl::StrCat(where, ": ", ref.file, ": ", d.status().message()));
  return *d;
}

// Has the server check the whole request (rows of local files by their
// length) before anything is uploaded, so a refused request stores nothing.
int Validate(Context& ctx, Connection& conn, pb::StartClassifyTrainingRequest req) {
  req.set_validate_only(true);
  auto reply = Call(ctx, conn, &pb::Control::Stub::StartClassifyTraining, req);
  return reply.ok() ? 0 : ctx.Fail(reply.status());
}

int StartJob(Context& ctx, Connection& conn, const pb::StartClassifyTrainingRequest& req, bool follow) {
  auto reply = Call(ctx, conn, &pb::Control::Stub::StartClassifyTraining, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  return ReportQueuedJob(ctx, conn, reply->job(), follow);
}

int RunEnd(Context& ctx, const EndOptions& o) {
  pb::StartClassifyTrainingRequest req;
  req.set_task("end_detector");
  req.set_arch(o.arch);
  for (auto id : absl::StrSplit(o.songs, ',', absl::SkipEmpty())) req.add_song_ids(std::string(id));
  std::vector<std::pair<CsvRow, SongRef>> rows;
  if (!o.labels.empty()) {
    auto text = ReadLocal(o.labels, "labels");
    if (!text.ok()) return ctx.Fail(text.status());
    auto parsed = ParseTwoColumnCsv(*text, "labels");
    if (!parsed.ok()) return ctx.Fail(parsed.status());
    for (const auto& r : *parsed) {
      const std::string where = absl::StrCat("labels row ", r.row);
      double v = 0;
      if (r.second != "none" && !absl::SimpleAtod(r.second, &v)) {
        return ctx.Fail("INVALID_ARGUMENT", absl::StrCat(where, ": end_s '", r.second,
                                                          "' is not a number of seconds (or none)"));
      }
      auto ref = Classify(r.first, o.labels, where);
      if (!ref.ok()) return ctx.Fail(ref.status());
      rows.push_back({r, *ref});
    }
  }
  auto fill = [&](pb::EndLabel* l, const CsvRow& r) {
    l->set_row(static_cast<uint32_t>(r.row));
    double v = 0;
    if (r.second == "none") {
      l->set_no_end(true);
    } else {
      absl::SimpleAtod(r.second, &v);
      l->set_end_s(v);
    }
  };
  pb::StartClassifyTrainingRequest check = req;
  for (const auto& [r, ref] : rows) {
    auto d = Probe(ref, absl::StrCat("labels row ", r.row));
    if (!d.ok()) return ctx.Fail(d.status());
    auto* l = check.add_labels();
    fill(l, r);
    l->set_song_id(ref.song_id);
    l->set_local_file(ref.file);
    l->set_local_duration_s(*d);
  }
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  if (int rc = Validate(ctx, **conn, check); rc != 0) return rc;
  for (const auto& [r, ref] : rows) {
    auto id = Upload(ctx, **conn, ref, absl::StrCat("labels row ", r.row));
    if (!id.ok()) return ctx.Fail(id.status());
    auto* l = req.add_labels();
    fill(l, r);
    l->set_song_id(*id);
  }
  return StartJob(ctx, **conn, req, o.follow);
}

int RunClassifier(Context& ctx, const ClassifierOptions& o) {
  pb::StartClassifyTrainingRequest req;
  req.set_task("classifier");
  req.set_arch(o.arch);
  req.set_clip_s(o.clip_s);
  req.set_epochs(o.epochs < 0 ? 0 : o.epochs > 0xffffffffLL ? 0xffffffffu : static_cast<uint32_t>(o.epochs));
  req.set_has_epochs(true);
  auto text = ReadLocal(o.manifest, "manifest");
  if (!text.ok()) return ctx.Fail(text.status());
  auto parsed = ParseTwoColumnCsv(*text, "manifest");
  if (!parsed.ok()) return ctx.Fail(parsed.status());
  // Checked before anything is uploaded, so a bad manifest stores nothing.
  if (parsed->empty()) return ctx.Fail("INVALID_ARGUMENT", "manifest: " + o.manifest + " has no rows");
  std::set<std::string> labels;
  std::vector<SongRef> refs;
  for (const auto& r : *parsed) {
    const std::string where = absl::StrCat("manifest row ", r.row);
    if (r.second.empty()) return ctx.Fail("INVALID_ARGUMENT", where + ": label is empty");
    labels.insert(r.second);
    auto ref = Classify(r.first, o.manifest, where);
    if (!ref.ok()) return ctx.Fail(ref.status());
    refs.push_back(*ref);
  }
  if (labels.size() < 2) {
    return ctx.Fail("INVALID_ARGUMENT", "manifest: every row has the label '" + *labels.begin() +
                                            "'; a classifier needs at least 2 labels");
  }
  pb::StartClassifyTrainingRequest check = req;
  for (size_t i = 0; i < refs.size(); ++i) {
    const CsvRow& r = (*parsed)[i];
    auto d = Probe(refs[i], absl::StrCat("manifest row ", r.row));
    if (!d.ok()) return ctx.Fail(d.status());
    auto* m = check.add_manifest();
    m->set_song_id(refs[i].song_id);
    m->set_local_file(refs[i].file);
    m->set_local_duration_s(*d);
    m->set_label(r.second);
    m->set_row(static_cast<uint32_t>(r.row));
  }
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  if (int rc = Validate(ctx, **conn, check); rc != 0) return rc;
  for (size_t i = 0; i < refs.size(); ++i) {
    const CsvRow& r = (*parsed)[i];
    auto id = Upload(ctx, **conn, refs[i], absl::StrCat("manifest row ", r.row));
    if (!id.ok()) return ctx.Fail(id.status());
    auto* m = req.add_manifest();
    m->set_song_id(*id);
    m->set_label(r.second);
    m->set_row(static_cast<uint32_t>(r.row));
  }
  return StartJob(ctx, **conn, req, o.follow);
}

int RunClassify(Context& ctx, const ClassifyOptions& o) {
  auto ref = Classify(o.target, "", "song");
  if (!ref.ok()) return ctx.Fail(ref.status());
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  if (!ref->file.empty()) {
    // The model is checked before the file goes up: a refused request stores nothing.
    auto d = Probe(*ref, "song");
    if (!d.ok()) return ctx.Fail(d.status());
    pb::ClassifyRequest check;
    check.set_model_id(o.model);
    check.set_validate_only(true);
    check.set_local_duration_s(*d);
    auto checked = Call(ctx, **conn, &pb::Control::Stub::Classify, check);
    if (!checked.ok()) return ctx.Fail(checked.status());
  }
  auto id = Upload(ctx, **conn, *ref, "song");
  if (!id.ok()) return ctx.Fail(id.status());
  pb::ClassifyRequest req;
  req.set_song_id(*id);
  req.set_model_id(o.model);
  req.set_frame_probs(ctx.options().json);
  // Decoding and running the model take a while on long songs.
  auto reply = Call(ctx, **conn, &pb::Control::Stub::Classify, req, 120.0);
  if (!reply.ok()) return ctx.Fail(reply.status());
  if (ctx.options().json) {
    PrintJson(ctx.io().out, {{"classify", ProtoToJson(*reply)}});
  } else {
    PrintClassify(ctx.io().out, *reply);
  }
  return 0;
}

}  // namespace

void AddClassifyCommands(CLI::App& app, Context& ctx) {
  CLI::App* train = app.get_subcommand("train");
  auto e = std::make_shared<EndOptions>();
  auto* end = train->add_subcommand("end-detector", "End-of-song detector (where the lights go dark)");
  end->add_option("--songs", e->songs, "all, or comma-separated song ids/prefixes")->capture_default_str();
  end->add_option("--labels", e->labels, "CSV song,end_s (a song id or file; end_s seconds or none)");
  end->add_option("--arch", e->arch, "context (loudness context), or reference/logreg (the notebook's 513 bins)")
      ->capture_default_str();
  end->add_flag("--follow", e->follow, "show live progress until the job ends");
  end->callback([&ctx, e] { ctx.action = [&ctx, e] { return RunEnd(ctx, *e); }; });

  auto c = std::make_shared<ClassifierOptions>();
  auto* clf = train->add_subcommand("classifier", "Author/genre clip classifier");
  clf->add_option("--manifest", c->manifest, "CSV path_or_song,label (local files are uploaded)")->required();
  clf->add_option("--arch", c->arch, "logreg, mlp, cnn1d or gru")->capture_default_str();
  clf->add_option("--clip-s", c->clip_s, "clip length in seconds (0 = 6 for mlp/logreg, 11.89 for cnn1d/gru)")
      ->capture_default_str();
  clf->add_option("--epochs", c->epochs, "passes over the training clips")->capture_default_str();
  clf->add_flag("--follow", c->follow, "show live progress until the job ends");
  clf->callback([&ctx, c] { ctx.action = [&ctx, c] { return RunClassifier(ctx, *c); }; });

  auto k = std::make_shared<ClassifyOptions>();
  auto* cls = app.add_subcommand("classify", "Classify a song (or a local file, uploaded first) with a model");
  cls->add_option("SONG", k->target, "song id/prefix or audio file")->required();
  cls->add_option("--model", k->model, "model id, or end / classifier for the newest of that kind")->required();
  cls->callback([&ctx, k] { ctx.action = [&ctx, k] { return RunClassify(ctx, *k); }; });
}

}  // namespace ls::cli
