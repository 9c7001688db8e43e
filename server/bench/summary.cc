// Human-readable headline numbers of a result (the JSON has everything).
#include "absl/strings/str_format.h"
#include "bench/bench.h"

namespace ls::bench {
namespace {

double At(const Json& j, std::initializer_list<const char*> path) {
  const Json* p = &j;
  for (const char* k : path) {
    if (!p->contains(k)) return 0.0;
    p = &(*p)[k];
  }
  return p->is_number() ? p->get<double>() : 0.0;
}

}  // namespace

std::string Summary(const Json& r) {
  std::string s;
  s += absl::StrFormat("decode          %.0fx realtime\n", At(r, {"decode", "realtime_factor"}));
  s += absl::StrFormat("stft hop1024    %.0f ns/frame\n",
                       At(r, {"stft", "hop1024", "pipeline_scipy", "ns_per_frame_median"}));
  s += absl::StrFormat("train_dense_ae  %.0f samples/s, final mse %.5f\n",
                       At(r, {"train_dense_ae", "samples_per_s"}),
                       At(r, {"train_dense_ae", "final_full_pass_mse"}));
  s += absl::StrFormat("encode          %.0f frames/s, batch-1 %.2f us\n",
                       At(r, {"encode", "frames_per_s"}),
                       At(r, {"encode", "latency_batch1_us", "median"}));
  s += absl::StrFormat("logreg          fit %.3f s, held-out accuracy %.4f\n",
                       At(r, {"logreg", "fit_s"}), At(r, {"logreg", "heldout_accuracy"}));
  s += absl::StrFormat("cnn1d           %.1f train clips/s\n",
                       At(r, {"cnn1d", "train_clips_per_s"}));
  s += absl::StrFormat("gru             epynn %.1f, last %.1f train clips/s\n",
                       At(r, {"gru", "epynn", "train_clips_per_s"}),
                       At(r, {"gru", "last", "train_clips_per_s"}));
  s += absl::StrFormat("peak RSS        %.1f MiB", At(r, {"peak_rss_mib"}));
  return s;
}

}  // namespace ls::bench
