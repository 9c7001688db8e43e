#include "metrics/schedule_metrics.h"

namespace ls::metrics {
namespace {

const char* const kStateNames[] = {"idle", "waiting", "playing", "paused", "overridden", "manual"};
const char* const kOutcomeNames[] = {"played", "no_agents", "paused", "skipped"};

}  // namespace

ScheduleMetrics::ScheduleMetrics(prometheus::Registry& r)
    : open_(prometheus::BuildGauge()
                .Name("lightshow_schedule_window_open")
                .Help("1 while a scheduled window is open, else 0")
                .Register(r)
                .Add({})),
      next_start_(prometheus::BuildGauge()
                      .Name("lightshow_schedule_next_start_timestamp_seconds")
                      .Help("Unix time of the next scheduled window's start (0 = none within a year)")
                      .Register(r)
                      .Add({})) {
  auto& states = prometheus::BuildGauge()
                     .Name("lightshow_schedule_state")
                     .Help("State of the nightly schedule: 1 for its state, 0 for the others")
                     .Register(r);
  for (int i = 0; i < kStates; ++i) state_[i] = &states.Add({{"state", kStateNames[i]}});
  state_[0]->Set(1);
  auto& windows = prometheus::BuildCounter()
                      .Name("lightshow_schedule_windows_total")
                      .Help("Scheduled windows that ended, by outcome (no_agents: no agent was connected)")
                      .Register(r);
  for (int i = 0; i < kOutcomes; ++i) outcome_[i] = &windows.Add({{"outcome", kOutcomeNames[i]}});
}

void ScheduleMetrics::Report(const std::string& state, bool window_open, double next_start_unix_s) {
  std::lock_guard<std::mutex> lock(mu_);
  int which = 0;
  for (int i = 0; i < kStates; ++i) {
    if (state == kStateNames[i]) which = i;
  }
  for (int i = 0; i < kStates; ++i) state_[i]->Set(i == which ? 1 : 0);
  open_.Set(window_open ? 1 : 0);
  next_start_.Set(next_start_unix_s);
}

void ScheduleMetrics::CountWindow(const std::string& outcome) {
  std::lock_guard<std::mutex> lock(mu_);
  for (int i = 0; i < kOutcomes; ++i) {
    if (outcome == kOutcomeNames[i]) outcome_[i]->Increment();
  }
}

}  // namespace ls::metrics
