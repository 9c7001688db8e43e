#pragma once
/// Builds the outputs named by the --gpio flag: "sim:PATH" or "gpiod:CHIP".
/// Thread-safety: pure functions; thread-safe.

#include <memory>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "gpio/outputs.h"
#include "gpio/pin_config.h"

namespace ls::agent {

struct GpioSpec {
  enum class Kind { kSim, kGpiod };
  Kind kind = Kind::kSim;
  std::string target;  ///< sim: CSV file path; gpiod: chip name or path
};

/// Parses "sim:PATH" or "gpiod:CHIP"; the part after the colon must not be empty.
absl::StatusOr<GpioSpec> ParseGpioSpec(absl::string_view spec);

/// Opens the backend. `pins` is used by gpiod only (sim records masks, not lines).
absl::StatusOr<std::unique_ptr<Outputs>> MakeOutputs(const GpioSpec& spec,
                                                     const PinConfig& pins);

}  // namespace ls::agent
