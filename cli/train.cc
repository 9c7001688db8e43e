// lsctl train autoencoder: start a training job (and follow its progress).

#include <memory>
#include <sstream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "cli/client.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace ls::cli {
namespace {

namespace pb = lightshow::v1;

struct TrainOptions {
  std::string songs = "all";
  std::string arch = "residual";
  int64_t bottleneck = 8;
  std::string hidden = "256,64";
  int64_t epochs = 20;
  int64_t batch = 256;
  double sparse = 0;
  double denoise = 0;
  int64_t hop = 1024;
  std::string trim_end = "auto";
  std::string lr_decay = "cosine";
  uint64_t seed = 1;
  bool follow = false;
};

// Negative numbers wrap in uint32; the server checks ranges, so clamp to a
// value it rejects with the same field name.
uint32_t ToU32(int64_t v) { return v < 0 ? 0 : v > 0xffffffffLL ? 0xffffffffu : static_cast<uint32_t>(v); }

int RunTrain(Context& ctx, const TrainOptions& o, const CLI::App& cmd) {
  pb::StartTrainingRequest req;
  auto* s = req.mutable_settings();
  for (auto id : absl::StrSplit(o.songs, ',', absl::SkipEmpty())) s->add_song_ids(std::string(id));
  s->set_arch(o.arch);
  s->set_bottleneck(ToU32(o.bottleneck));
  s->set_has_bottleneck(true);
  for (auto h : absl::StrSplit(o.hidden, ',', absl::SkipEmpty())) {
    int v = 0;
    if (!absl::SimpleAtoi(h, &v) || v <= 0) {
      return ctx.Fail("INVALID_ARGUMENT", "hidden: sizes must be positive integers, got '" + o.hidden + "'");
    }
    s->add_hidden(static_cast<uint32_t>(v));
  }
  s->set_epochs(ToU32(o.epochs));
  s->set_has_epochs(true);
  s->set_batch(ToU32(o.batch));
  s->set_has_batch(true);
  s->set_sparse_l1(o.sparse);
  s->set_denoise(o.denoise);
  s->set_hop(ToU32(o.hop));
  s->set_trim_end(o.trim_end);
  s->set_lr_decay(o.lr_decay);
  s->set_seed(o.seed);
  (void)cmd;
  auto conn = ctx.Connect();
  if (!conn.ok()) return ctx.Fail(conn.status());
  auto reply = Call(ctx, **conn, &pb::Control::Stub::StartTraining, req);
  if (!reply.ok()) return ctx.Fail(reply.status());
  return ReportQueuedJob(ctx, **conn, reply->job(), o.follow);
}

}  // namespace

void AddTrainCommand(CLI::App& app, Context& ctx) {
  auto* train = app.add_subcommand("train", "Train a model on the catalog's songs (a background job)");
  train->require_subcommand(1);
  auto o = std::make_shared<TrainOptions>();
  auto* ae = train->add_subcommand("autoencoder", "Autoencoder whose code drives the light channels");
  ae->add_option("--songs", o->songs, "all, or comma-separated song ids/prefixes")->capture_default_str();
  ae->add_option("--arch", o->arch, "residual (starts at PCA, learns past it), context (residual; the decoder reads 5 neighbouring frames' codes), dense, or conv (sees 5 neighbouring frames)")->capture_default_str();
  ae->add_option("--bottleneck", o->bottleneck, "code size (1..64; 8 = one per channel)")->capture_default_str();
  ae->add_option("--hidden", o->hidden, "encoder hidden sizes, comma-separated")->capture_default_str();
  ae->add_option("--epochs", o->epochs, "passes over the training frames")->capture_default_str();
  ae->add_option("--batch", o->batch, "frames per step")->capture_default_str();
  ae->add_option("--sparse", o->sparse, "L1 weight on the code (sparse autoencoder)")->capture_default_str();
  ae->add_option("--denoise", o->denoise, "input noise stddev in [0,1) (denoising autoencoder)")->capture_default_str();
  ae->add_option("--hop", o->hop, "1024 or 512 samples between frames")->capture_default_str();
  ae->add_option("--trim-end", o->trim_end, "auto, none or SECONDS: the dark end left out")->capture_default_str();
  ae->add_option("--lr-decay", o->lr_decay, "learning-rate decay over the run: cosine or none")->capture_default_str();
  ae->add_option("--seed", o->seed, "weight initialisation and shuffling (same seed, same songs: same model)")
      ->capture_default_str();
  ae->add_flag("--follow", o->follow, "show live progress until the job ends");
  ae->callback([&ctx, o, ae] { ctx.action = [&ctx, o, ae] { return RunTrain(ctx, *o, *ae); }; });
}

}  // namespace ls::cli
