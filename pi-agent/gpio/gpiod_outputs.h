#pragma once
/// Real outputs through libgpiod v1 (the GPIO character device).
///
/// Requests the 8 configured lines as outputs with consumer "lightshow", starting at
/// their "off" level (so active-low relays don't click on at start). Active-low is
/// applied here, per channel (see LineLevels), not by the kernel flag, so the initial
/// level and every later level follow the same tested mapping. The lines are released
/// (and left at their last, normally "off", level) on destruction.
/// Thread-safety: not thread-safe (see Outputs).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gpio/outputs.h"
#include "gpio/pin_config.h"

namespace ls::agent {

class GpiodOutputs final : public Outputs {
 public:
  /// Opens `chip` ("gpiochip0", "/dev/gpiochip0" or "0") and requests the lines.
  static absl::StatusOr<std::unique_ptr<GpiodOutputs>> Open(const std::string& chip,
                                                            const PinConfig& config);
  ~GpiodOutputs() override;
  GpiodOutputs(const GpiodOutputs&) = delete;
  GpiodOutputs& operator=(const GpiodOutputs&) = delete;

  absl::Status Set(uint8_t mask, const FrameStamp& stamp) override;
  absl::Status AllOff(int64_t scheduled_ns) override;

 private:
  struct Lines;  // hides <gpiod.hpp> from users of this header
  GpiodOutputs(std::unique_ptr<Lines> lines, PinConfig config);
  std::unique_ptr<Lines> lines_;
  PinConfig config_;
};

}  // namespace ls::agent
