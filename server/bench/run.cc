// RunBench: the peer's main() — stages in the peer's order, progress lines
// on stderr, one JSON document at the end.
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "bench/stages.h"
#include "bench/stats.h"

namespace ls::bench {
namespace {

// Column-major 513 × n view of songs' row-major spectrograms, concatenated.
nn::Matrix Stack(const std::vector<dsp::Spectrogram>& feats) {
  nn::Index n = 0;
  for (const auto& f : feats) n += f.frames;
  nn::Matrix x(dsp::kBins, n);
  float* dst = x.data();
  for (const auto& f : feats) dst = std::copy(f.data.begin(), f.data.end(), dst);
  return x;
}

}  // namespace

absl::StatusOr<Json> RunBench(const BenchOptions& o) {
  if (o.files.empty()) return absl::InvalidArgumentError("no input files");
  const double t_all = Now();
  Json rss_by_stage;  // peak RSS after each stage: which one sets the peak
  auto log = [&](const char* msg) {
    std::fprintf(stderr, "[bench] %7.1fs %s\n", Now() - t_all, msg);
    rss_by_stage[std::string(msg, std::string_view(msg).find(' '))] = PeakRssMib();
  };
  Json out;
  out["benchmark"] = "lightshow_bench";
  out["seed"] = kSeed;
  out["env"] = Environment(o.threads);

  std::vector<Song> songs;
  absl::StatusOr<Json> st = DecodeStage(o.files, &songs);
  if (!st.ok()) return st.status();
  out["decode"] = std::move(*st);
  log("decode done");
  Features feats;
  if (st = StftStage(songs, o.repeats, &feats); !st.ok()) return st.status();
  out["stft"] = std::move(*st);
  log("stft done");

  {
    const nn::Matrix x1024 = Stack(feats[1024]);
    if (!o.skip.count("ae")) {
      nn::DenseAutoencoder ae;
      if (st = TrainDenseAeStage(x1024, o.epochs, o.threads, o.ae_seed, &ae); !st.ok()) return st.status();
      out["train_dense_ae"] = std::move(*st);
      log("ae done");
      if (st = EncodeStage(ae, x1024, o.repeats, o.threads, o.latency_calls); !st.ok()) return st.status();
      out["encode"] = std::move(*st);
      log("encode done");
    }
  }
  if (!o.skip.count("logreg")) {
    if (st = LogregStage(songs, feats[1024], 1024); !st.ok()) return st.status();
    out["logreg"] = std::move(*st);
    log("logreg done");
  }
  feats.clear();
  if (!o.skip.count("cnn1d")) {
    if (st = Cnn1dStage(songs, 65536, 64, o.cnn_steps, 2, o.threads); !st.ok()) return st.status();
    out["cnn1d"] = std::move(*st);
    log("cnn1d done");
  }
  if (!o.skip.count("gru")) {
    if (st = GruStage(songs, 10000, 16, 16, o.gru_steps, 1, o.threads); !st.ok()) {
      return st.status();
    }
    out["gru"] = std::move(*st);
    log("gru done");
  }
  out["total_wall_s"] = Now() - t_all;
  out["peak_rss_mib"] = PeakRssMib();
  out["peak_rss_mib_after_stage"] = std::move(rss_by_stage);
  if (!o.out.empty()) {
    std::ofstream f(o.out);
    f << out.dump(1) << "\n";
    if (!f) return absl::InternalError(absl::StrCat("cannot write ", o.out));
  }
  return out;
}

}  // namespace ls::bench
