#include "gpio/pin_config.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace ls::agent {

absl::StatusOr<std::array<unsigned, kChannels>> ParsePins(absl::string_view csv) {
  std::vector<absl::string_view> parts = absl::StrSplit(csv, ',');
  if (parts.size() != kChannels) {
    return absl::InvalidArgumentError(absl::StrCat("--pins needs exactly ", kChannels,
                                                   " comma-separated GPIO lines, got ",
                                                   parts.size(), " in '", csv, "'"));
  }
  std::array<unsigned, kChannels> pins{};
  for (int i = 0; i < kChannels; ++i) {
    const absl::string_view p = absl::StripAsciiWhitespace(parts[i]);
    uint32_t v = 0;
    if (!absl::SimpleAtoi(p, &v) || v > 1023) {
      return absl::InvalidArgumentError(
          absl::StrCat("--pins: '", p, "' (channel ", i, ") is not a GPIO line number 0..1023"));
    }
    for (int j = 0; j < i; ++j) {
      if (pins[j] == v) {
        return absl::InvalidArgumentError(absl::StrCat("--pins: line ", v, " is used by both channel ",
                                                       j, " and channel ", i));
      }
    }
    pins[i] = v;
  }
  return pins;
}

absl::Status CheckPinsOnChip(const PinConfig& config, unsigned line_count, absl::string_view chip) {
  for (int i = 0; i < kChannels; ++i) {
    if (config.offsets[i] >= line_count) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--pins: line ", config.offsets[i], " (channel ", i, ") is not on GPIO chip ", chip,
          ", which has ", line_count, " lines (0..", line_count == 0 ? 0 : line_count - 1, ")"));
    }
  }
  return absl::OkStatus();
}

PinConfig MakePinConfig(const std::array<unsigned, kChannels>& offsets, bool active_low) {
  PinConfig c;
  c.offsets = offsets;
  c.active_low.fill(active_low);
  return c;
}

std::array<int, kChannels> LineLevels(uint8_t mask, const PinConfig& config) {
  std::array<int, kChannels> levels{};
  for (int i = 0; i < kChannels; ++i) {
    const bool on = (mask >> i) & 1u;
    // Relay boards are often active-low: "on" pulls the line to ground.
    levels[i] = (on != config.active_low[i]) ? 1 : 0;
  }
  return levels;
}

}  // namespace ls::agent
