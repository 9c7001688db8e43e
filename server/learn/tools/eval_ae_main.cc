// lightshow-eval-ae CORPUS_DIR [train flags]: trains an autoencoder offline
// with the training job's own code (features, dark-end trim, split by song,
// epochs) and prints held-out MSE next to PCA's, plus the relay-profile show
// checks on every held-out song. Features are cached under /tmp per corpus.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <cstring>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/csv.h"
#include "common/files.h"
#include "common/status_macros.h"
#include "learn/ae_training.h"
#include "models/autoencoder.h"
#include "learn/lr_schedule.h"
#include "nn/loss.h"
#include "nn/optimizer.h"
#include "show/learned_renderer.h"
#include "show/show_stats.h"

namespace fs = std::filesystem;
using namespace ls;
using namespace ls::models;
using namespace ls::learn;

namespace {

// Manifest paths in the order the catalog would hold them when submitted
// label-interleaved (sorted by path, then i-th track of every label in turn),
// so the held-out fifth spans soundtracks.
std::vector<std::string> InterleavedPaths(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> rows;  // path, label
  auto csv = ReadCsvFile(dir + "/manifest.csv");
  if (!csv.ok()) {
    std::fprintf(stderr, "error: %s\n", csv.status().ToString().c_str());
    return {};
  }
  for (size_t i = 1; i < csv->size(); ++i) {  // after the header
    const auto& f = (*csv)[i].fields;
    if (f.size() >= 2) rows.push_back({f[0], f[1]});
  }
  std::sort(rows.begin(), rows.end());
  std::map<std::string, int> n;
  std::vector<std::pair<int, std::string>> keyed;
  for (auto& [p, l] : rows) keyed.push_back({++n[l], p});
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> out;
  for (auto& [i, p] : keyed) out.push_back(p);
  return out;
}

// Cached features: frames, bins, dark_start, period, then the spectrogram.
absl::StatusOr<SongFeatures> Features(const std::string& corpus, const std::string& rel, int hop,
                                      const std::string& trim, const show::EndDetector* end) {
  std::string key = absl::StrCat(fs::absolute(corpus).string(), "/", rel, "-", hop, "-", trim);
  std::replace(key.begin(), key.end(), '/', '_');
  const std::string path = "/tmp/lightshow-eval-ae/" + key + ".feat";
  if (auto bytes = ReadFile(path); bytes.ok() && bytes->size() > 24) {
    SongFeatures f;
    int32_t hdr[3];
    std::memcpy(hdr, bytes->data(), 12);
    std::memcpy(&f.frame_period_s, bytes->data() + 12, 8);
    f.spec.frames = hdr[0], f.spec.bins = hdr[1], f.dark_start = hdr[2], f.spec.hop = hop;
    const size_t n = size_t(hdr[0]) * hdr[1];
    if (bytes->size() == 20 + n * 4) {
      f.spec.data.resize(n);
      std::memcpy(f.spec.data.data(), bytes->data() + 20, n * 4);
      f.song_id = rel;
      return f;
    }
  }
  LS_ASSIGN_OR_RETURN(std::string audio, ReadFile(corpus + "/" + rel));
  LS_ASSIGN_OR_RETURN(SongFeatures f, FeaturesFromBytes(audio, hop, end));
  f.song_id = rel;
  int32_t hdr[3] = {f.spec.frames, f.spec.bins, f.dark_start};
  std::string out(reinterpret_cast<const char*>(hdr), 12);
  out.append(reinterpret_cast<const char*>(&f.frame_period_s), 8);
  out.append(reinterpret_cast<const char*>(f.spec.data.data()), f.spec.data.size() * 4);
  LS_RETURN_IF_ERROR(MakeDirs("/tmp/lightshow-eval-ae"));
  WriteFileAtomic(path, out).IgnoreError();  // a cache: losing it only costs time
  return f;
}

// Features of the manifest's songs (the first `limit` when > 0); their paths
// become s->song_ids.
absl::StatusOr<std::vector<SongFeatures>> LoadSongs(const std::string& corpus, int limit,
                                                    models::TrainSettings* s) {
  LS_ASSIGN_OR_RETURN(auto end, MakeEndDetector(s->trim_end));
  std::vector<std::string> paths = InterleavedPaths(corpus);
  if (limit > 0 && static_cast<int>(paths.size()) > limit) paths.resize(limit);
  std::vector<SongFeatures> songs;
  for (const auto& p : paths) {
    LS_ASSIGN_OR_RETURN(SongFeatures f, Features(corpus, p, s->hop, s->trim_end, end.get()));
    s->song_ids.push_back(p);
    songs.push_back(std::move(f));
  }
  return songs;
}

// Trains `built` (started from PCA) with the job's epochs, printing the
// held-out MSE per epoch and the RESULT line against PCA's (`pca_val`).
absl::Status TrainAndReport(const TrainData& d, const models::TrainSettings& s, int threads,
                            double pca_val, models::BuiltAutoencoder& built) {
  nn::Adam adam(built.model.NumParams());
  nn::MseLoss loss;
  nn::TrainerConfig tc;
  tc.batch = s.batch;
  tc.threads = threads;
  tc.shuffle = false;
  tc.seed = s.seed;
  ScaledAdam scaled(adam, built.model.NumParams());
  nn::Trainer trainer(built.model, loss, scaled, tc);
  const int context = models::ContextFrames(s.arch);
  std::printf("epoch 0: val %.6f (%.3f x PCA)\n", EvaluateSamples(trainer, d, d.val, context),
              EvaluateSamples(trainer, d, d.val, context) / pca_val);
  double total = 0;
  EpochHooks hooks;
  hooks.lr_scale = [&](double f) { scaled.set_scale(f); };
  hooks.after = [&](int e, double tr, double va, double secs) {
    total += secs;
    std::printf("epoch %d: train %.6f val %.6f (%.3f x PCA) %.1f s\n", e, tr, va, va / pca_val, secs);
    std::fflush(stdout);
    return absl::OkStatus();
  };
  LS_RETURN_IF_ERROR(TrainEpochs(trainer, d, s, 0, hooks));
  const double val = EvaluateSamples(trainer, d, d.val, context);
  std::printf("RESULT arch=%s hidden=%s epochs=%d lr_decay=%s: val %.6f pca8 %.6f ratio %.3f "
              "train_s %.0f samples/s %.0f\n",
              s.arch.c_str(), absl::StrJoin(s.hidden, ",").c_str(), s.epochs, s.lr_decay.c_str(), val,
              pca_val, val / pca_val, total, total > 0 ? d.train.size() * double(s.epochs) / total : 0.0);
  return absl::OkStatus();
}

// Code of every frame of a song, cut to the renderer's at most 8 channels
// (the first 8 code units).
std::vector<float> SongCodes(nn::Sequential& encoder, const SongFeatures& f,
                             const models::TrainSettings& s, int* channels) {
  const int k = s.bottleneck;
  std::vector<int> cols(f.spec.frames);
  std::iota(cols.begin(), cols.end(), 0);
  nn::Matrix in, code;
  models::AssembleInputs(f.spec.data.data(), f.spec.bins, f.spec.frames, models::ContextFrames(s.arch),
                         cols.data(), f.spec.frames, &in);
  encoder.Predict(in, code);
  const int off = models::CodeOffset(s.arch, k);
  std::vector<float> codes(size_t(f.spec.frames) * k);
  for (int t = 0; t < f.spec.frames; ++t) std::copy_n(code.col(t).data() + off, k, &codes[size_t(t) * k]);
  *channels = std::min(k, 8);
  if (*channels != k) {
    std::vector<float> c8(size_t(f.spec.frames) * 8);
    for (int t = 0; t < f.spec.frames; ++t) std::copy_n(&codes[size_t(t) * k], 8, &c8[size_t(t) * 8]);
    codes.swap(c8);
  }
  return codes;
}

// A held-out song's show, rendered as the server does (relay profile, lit
// part), and its show checks on one line.
absl::Status PrintHeldOutShow(nn::Sequential& encoder, const SongFeatures& f, const models::TrainSettings& s) {
  int channels = 0;
  const std::vector<float> codes = SongCodes(encoder, f, s, &channels);
  LS_ASSIGN_OR_RETURN(auto masks, show::RenderCodes(codes, f.spec.frames, channels, f.dark_start,
                                                    f.frame_period_s, show::RelayProfile()));
  const int lit = std::min<int>(f.dark_start, masks.size());
  auto stats = show::ComputeChannelStats(masks, channels, f.frame_period_s, lit > 0 ? lit : -1);
  int dead = 0;
  double max_tps = 0, min_dwell = 1e9;
  for (const auto& c : stats) {
    dead += c.dead;
    max_tps = std::max(max_tps, c.toggles_per_s);
    if (c.shortest_dwell_ms > 0) min_dwell = std::min(min_dwell, c.shortest_dwell_ms);
  }
  std::printf("held-out %-40s dead %d  max toggles/s %.2f  shortest dwell %.0f ms  dark from %.1f s\n",
              f.song_id.c_str(), dead, max_tps, min_dwell, f.dark_start * f.frame_period_s);
  return absl::OkStatus();
}

absl::Status Run(const std::string& corpus, models::TrainSettings s, int threads, int limit) {
  LS_ASSIGN_OR_RETURN(std::vector<SongFeatures> songs, LoadSongs(corpus, limit, &s));
  const size_t n = songs.size();
  LS_RETURN_IF_ERROR(models::ValidateTrainSettings(s));
  LS_ASSIGN_OR_RETURN(TrainData d, SplitBySong(std::move(songs)));
  std::printf("songs %zu: train %d (%zu frames), validation %d (%zu frames)\n", n,
              d.train_songs, d.train.size(), d.val_songs, d.val.size());
  models::Pca pca;
  {
    Eigen::MatrixXf train_frames = FramesOf(d, d.train);
    LS_ASSIGN_OR_RETURN(pca, models::Pca::Fit(train_frames, s.bottleneck));
  }
  const double pca_val = pca.ReconstructionMse(FramesOf(d, d.val));
  LS_ASSIGN_OR_RETURN(models::BuiltAutoencoder built, models::BuildAutoencoder(s));
  LS_RETURN_IF_ERROR(models::InitFromPca(s, pca, &built));
  LS_RETURN_IF_ERROR(TrainAndReport(d, s, threads, pca_val, built));
  LS_ASSIGN_OR_RETURN(nn::Sequential encoder, built.model.Slice(0, built.code_end));
  for (int i = d.train_songs; i < static_cast<int>(d.songs.size()); ++i) {
    LS_RETURN_IF_ERROR(PrintHeldOutShow(encoder, d.songs[i], s));
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Train an autoencoder offline on a corpus and compare it with PCA on held-out songs"};
  std::string corpus, hidden = "256,64";
  models::TrainSettings s;
  int threads = 2, limit = 0;
  app.add_option("corpus", corpus, "corpus dir (manifest.csv + WAVs)")->required();
  app.add_option("--arch", s.arch);
  app.add_option("--bottleneck", s.bottleneck);
  app.add_option("--hidden", hidden);
  app.add_option("--epochs", s.epochs);
  app.add_option("--batch", s.batch);
  app.add_option("--sparse", s.sparse_l1);
  app.add_option("--denoise", s.denoise);
  app.add_option("--hop", s.hop);
  app.add_option("--trim-end", s.trim_end);
  app.add_option("--seed", s.seed);
  app.add_option("--lr-decay", s.lr_decay, "cosine or none");
  app.add_option("--threads", threads);
  app.add_option("--limit", limit, "use only the first N songs");
  CLI11_PARSE(app, argc, argv);
  s.hidden.clear();
  for (absl::string_view h : absl::StrSplit(hidden, ',', absl::SkipEmpty())) {
    int x = 0;
    if (!absl::SimpleAtoi(h, &x)) {
      std::fprintf(stderr, "hidden: not a number '%s'\n", std::string(h).c_str());
      return 2;
    }
    s.hidden.push_back(x);
  }
  absl::Status st = Run(corpus, s, threads, limit);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
