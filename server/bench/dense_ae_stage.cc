// c. train_dense_ae — the peer's train_dense_ae(): 513-256-64-8-64-256-513,
// Adam 1e-3, MSE, batch 256, shuffled epochs (last partial batch kept), on
// every hop-1024 frame of every song (nn::TrainDenseAutoencoder).
#include "bench/stages.h"

namespace ls::bench {

absl::StatusOr<Json> TrainDenseAeStage(const nn::ConstRef& frames, int epochs, int threads,
                                       uint64_t seed, nn::DenseAutoencoder* ae) {
  nn::DenseAeConfig cfg;
  cfg.epochs = epochs;
  cfg.batch = 256;
  cfg.seed = seed;
  cfg.threads = threads;
  absl::StatusOr<nn::DenseAeResult> r = nn::TrainDenseAutoencoder(frames, cfg);
  if (!r.ok()) return r.status();
  Json j;
  j["n_samples"] = r->n_samples;
  j["epochs"] = epochs;
  j["batch"] = cfg.batch;
  j["steps"] = r->steps;
  j["params"] = r->ae.model.NumParams();
  j["wall_s"] = r->wall_s;
  j["samples_per_s"] = r->samples_per_s;
  j["samples_per_s_best_epoch"] = r->samples_per_s_best_epoch;
  j["epoch_s"] = r->epoch_seconds;
  j["epoch_loss"] = r->epoch_loss;
  j["final_epoch_train_loss"] = r->epoch_loss.empty() ? 0.0 : r->epoch_loss.back();
  j["final_full_pass_mse"] = r->final_full_pass_mse;
  j["seed"] = seed;  // --ae-seed; the final loss depends on it (docs/nn-profile.md)
  *ae = std::move(r->ae);
  return j;
}

}  // namespace ls::bench
