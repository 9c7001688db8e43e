// nn-bench: tracks the engine's training speed on the peer benchmark's dense
// autoencoder (513-256-64-8-64-256-513, Adam 1e-3, MSE, batch 256) using
// random frames in [0, 1], then times the trained encoder (513 -> 8) over all
// frames and one frame at a time. Prints one JSON object.
//   nn-bench [--frames N] [--epochs E] [--threads T] [--batch B]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "nn/predictor.h"
#include "nn/rng.h"
#include "nn/tasks.h"

int main(int argc, char** argv) {
  long frames = 16384, epochs = 3, threads = 2, batch = 256;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const long v = std::strtol(argv[i + 1], nullptr, 10);
    if (flag == "--frames") frames = v;
    else if (flag == "--epochs") epochs = v;
    else if (flag == "--threads") threads = v;
    else if (flag == "--batch") batch = v;
    else {
      std::fprintf(stderr, "unknown flag %s\n", argv[i]);
      return 2;
    }
  }
  ls::nn::Matrix x(513, frames);
  ls::nn::Rng rng(0);
  for (ls::nn::Index i = 0; i < x.size(); ++i) x.data()[i] = static_cast<float>(rng.Uniform());
  ls::nn::DenseAeConfig cfg;
  cfg.epochs = static_cast<int>(epochs);
  cfg.threads = static_cast<int>(threads);
  cfg.batch = batch;
  cfg.final_full_pass = false;
  // Process CPU time too: on a shared machine wall-clock throughput says more
  // about the neighbours than about the engine.
  const std::clock_t cpu0 = std::clock();
  auto r = ls::nn::TrainDenseAutoencoder(x, cfg);
  const double cpu_s = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  if (!r.ok()) {
    std::fprintf(stderr, "nn-bench: %s\n", std::string(r.status().message()).c_str());
    return 1;
  }
  std::printf("{\"train_dense_ae\": {\"n_samples\": %ld, \"epochs\": %ld, \"batch\": %ld, "
              "\"threads\": %ld, \"params\": %ld, \"wall_s\": %.4f, \"samples_per_s\": %.0f, "
              "\"samples_per_s_best_epoch\": %.0f, \"cpu_s\": %.4f, \"samples_per_cpu_s\": %.0f, "
              "\"epoch_s\": [",
              frames, epochs, batch, threads, static_cast<long>(r->ae.model.NumParams()),
              r->wall_s, r->samples_per_s, r->samples_per_s_best_epoch, cpu_s,
              static_cast<double>(frames) * epochs / cpu_s);
  for (size_t i = 0; i < r->epoch_seconds.size(); ++i)
    std::printf("%s%.4f", i ? ", " : "", r->epoch_seconds[i]);
  std::printf("], \"epoch_loss\": [");
  for (size_t i = 0; i < r->epoch_loss.size(); ++i)
    std::printf("%s%.6f", i ? ", " : "", r->epoch_loss[i]);
  std::printf("]}");

  auto enc = r->ae.Encoder();
  if (!enc.ok()) return 1;
  ls::nn::Predictor predictor(*enc, static_cast<int>(threads));
  ls::nn::Matrix code;
  predictor.Run(x.leftCols(256), code);  // warm-up
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  const std::clock_t enc_cpu0 = std::clock();
  const ls::nn::Index chunk = 4096;
  for (int rep = 0; rep < 5; ++rep) {
    for (ls::nn::Index i = 0; i < x.cols(); i += chunk) {
      predictor.Run(x.middleCols(i, std::min(chunk, x.cols() - i)), code);
    }
  }
  const double bulk_s = std::chrono::duration<double>(Clock::now() - t0).count() / 5;
  const double enc_cpu_s = static_cast<double>(std::clock() - enc_cpu0) / CLOCKS_PER_SEC / 5;
  std::vector<double> lat(1000);
  for (size_t i = 0; i < lat.size(); ++i) {
    const auto a = Clock::now();
    predictor.Run(x.col(static_cast<ls::nn::Index>(i) % x.cols()), code);
    lat[i] = std::chrono::duration<double, std::micro>(Clock::now() - a).count();
  }
  std::sort(lat.begin(), lat.end());
  std::printf(", \"encode\": {\"frames_per_s\": %.0f, \"frames_per_cpu_s\": %.0f, "
              "\"latency_batch1_us\": {\"median\": %.2f, \"p99\": %.2f, \"min\": %.2f}}}\n",
              x.cols() / bulk_s, x.cols() / enc_cpu_s, lat[500], lat[990], lat[0]);
  return 0;
}
