#include "app/gpio_test.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/clock.h"
#include "base/status_macros.h"
#include "gpio/factory.h"

namespace ls::agent {

absl::Status RunGpioTest(Outputs& outputs, const PinConfig& pins, int on_ms, std::ostream& out,
                         const GpioTestWait& wait) {
  LS_AGENT_RETURN_IF_ERROR(outputs.AllOff(0));
  out << absl::StrFormat("gpio-test: %d channels, each on alone for %.1f s, active-low %s\n",
                         kChannels, on_ms / 1000.0, pins.active_low[0] ? "yes" : "no");
  out.flush();
  for (int i = 0; i < kChannels; ++i) {
    out << absl::StrFormat("gpio-test: channel %d on: BCM pin %u (GPIO%u) drives it\n", i,
                           pins.offsets[i], pins.offsets[i]);
    out.flush();
    const absl::Status set =
        outputs.Set(static_cast<uint8_t>(1u << i), FrameStamp{i, NowRealtimeNs()});
    if (!set.ok()) {
      (void)outputs.AllOff(0);
      return set;
    }
    if (!wait(on_ms)) {
      LS_AGENT_RETURN_IF_ERROR(outputs.AllOff(0));
      out << "gpio-test: interrupted, all off\n";
      return absl::CancelledError("gpio-test interrupted; every pin is off");
    }
  }
  LS_AGENT_RETURN_IF_ERROR(outputs.AllOff(0));
  out << "gpio-test: done, all off\n";
  return absl::OkStatus();
}

absl::Status RunGpioTestFromOptions(const AgentOptions& o, std::ostream& out,
                                    const GpioTestWait& wait) {
  LS_AGENT_ASSIGN_OR_RETURN(auto spec, ParseGpioSpec(o.gpio));
  LS_AGENT_ASSIGN_OR_RETURN(auto offsets, ParsePins(o.pins));
  const PinConfig pins = MakePinConfig(offsets, o.active_low);
  if (o.gpio_test_ms < 1 || o.gpio_test_ms > 60000) {
    return absl::InvalidArgumentError(
        absl::StrCat("--gpio-test-ms must be within 1..60000, got ", o.gpio_test_ms));
  }
  LS_AGENT_ASSIGN_OR_RETURN(auto outputs, MakeOutputs(spec, pins));
  return RunGpioTest(*outputs, pins, static_cast<int>(o.gpio_test_ms), out, wait);
}

}  // namespace ls::agent
