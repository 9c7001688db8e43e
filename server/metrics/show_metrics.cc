#include "metrics/show_metrics.h"

namespace ls::metrics {
namespace {

const char* const kStateNames[] = {"idle", "scheduled", "playing", "finished", "stopped"};

}  // namespace

ShowMetrics::ShowMetrics(prometheus::Registry& r)
    : playing_(prometheus::BuildGauge()
                   .Name("lightshow_shows_playing")
                   .Help("Playbacks currently playing (0 or 1: one show plays at a time)")
                   .Register(r)
                   .Add({})),
      progress_(prometheus::BuildGauge()
                    .Name("lightshow_show_progress_ratio")
                    .Help("Fraction of the latest playback's frames that are due (0 to 1)")
                    .Register(r)
                    .Add({})),
      frames_(prometheus::BuildGauge()
                  .Name("lightshow_show_frames")
                  .Help("Length of the latest playback's show in frames (0 before anything played)")
                  .Register(r)
                  .Add({})),
      agents_(prometheus::BuildGauge()
                  .Name("lightshow_show_agents")
                  .Help("Agents the latest playback drives")
                  .Register(r)
                  .Add({})) {
  auto& family = prometheus::BuildGauge()
                     .Name("lightshow_show_state")
                     .Help("State of the latest playback: 1 for its state, 0 for the others")
                     .Register(r);
  for (int i = 0; i < kStates; ++i) state_[i] = &family.Add({{"state", kStateNames[i]}});
  state_[static_cast<int>(ShowState::kIdle)]->Set(1);
}

void ShowMetrics::Report(ShowState state, double progress_ratio, uint64_t frames, size_t agents) {
  std::lock_guard<std::mutex> lock(mu_);
  for (int i = 0; i < kStates; ++i) state_[i]->Set(i == static_cast<int>(state) ? 1 : 0);
  playing_.Set(state == ShowState::kPlaying ? 1 : 0);
  progress_.Set(progress_ratio);
  frames_.Set(static_cast<double>(frames));
  agents_.Set(static_cast<double>(agents));
}

}  // namespace ls::metrics
