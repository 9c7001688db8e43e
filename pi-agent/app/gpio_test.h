#pragma once
/// `lightshow-agent --gpio-test`: a wiring check for installers. Each channel is
/// switched on alone for a while, in channel order, and the BCM pin it drives is
/// printed first, so relays and active-low can be checked before the first show.
/// Thread-safety: call from one thread; it owns the outputs while it runs.

#include <functional>
#include <ostream>

#include "absl/status/status.h"
#include "app/agent_options.h"
#include "gpio/outputs.h"
#include "gpio/pin_config.h"

namespace ls::agent {

/// Sleeps `ms` milliseconds; returns false when interrupted (SIGINT/SIGTERM).
using GpioTestWait = std::function<bool(int ms)>;

/// Channel 0..7 on alone for `on_ms` each (sim CSV: frame column = channel),
/// then every channel off. Interrupted: all off, CANCELLED. Pins are always off
/// when it returns.
absl::Status RunGpioTest(Outputs& outputs, const PinConfig& pins, int on_ms, std::ostream& out,
                         const GpioTestWait& wait);

/// Opens the outputs named by --gpio/--pins/--active-low and runs the test.
/// Needs no server, token or id.
absl::Status RunGpioTestFromOptions(const AgentOptions& options, std::ostream& out,
                                    const GpioTestWait& wait);

}  // namespace ls::agent
