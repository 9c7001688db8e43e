#include "gpio/factory.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gpio/gpiod_outputs.h"
#include "gpio/sim_outputs.h"

namespace ls::agent {

absl::StatusOr<GpioSpec> ParseGpioSpec(absl::string_view spec) {
  GpioSpec out;
  absl::string_view rest;
  if (absl::StartsWith(spec, "sim:")) {
    out.kind = GpioSpec::Kind::kSim;
    rest = spec.substr(4);
  } else if (absl::StartsWith(spec, "gpiod:")) {
    out.kind = GpioSpec::Kind::kGpiod;
    rest = spec.substr(6);
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "--gpio '", spec, "': expected sim:PATH (CSV log) or gpiod:CHIP (e.g. gpiod:gpiochip0)"));
  }
  if (rest.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--gpio '", spec, "': missing ",
        out.kind == GpioSpec::Kind::kSim ? "file path after 'sim:'" : "chip after 'gpiod:'"));
  }
  out.target = std::string(rest);
  return out;
}

absl::StatusOr<std::unique_ptr<Outputs>> MakeOutputs(const GpioSpec& spec,
                                                     const PinConfig& pins) {
  if (spec.kind == GpioSpec::Kind::kSim) {
    auto sim = SimOutputs::Open(spec.target);
    if (!sim.ok()) return sim.status();
    return std::unique_ptr<Outputs>(std::move(*sim));
  }
  auto gpiod = GpiodOutputs::Open(spec.target, pins);
  if (!gpiod.ok()) return gpiod.status();
  return std::unique_ptr<Outputs>(std::move(*gpiod));
}

}  // namespace ls::agent
