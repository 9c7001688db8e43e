#pragma once
/// Which GPIO lines drive the 8 channels, and how a channel mask maps to line levels.
/// Pure functions, so the hardware mapping is testable without a Pi.
/// Thread-safety: plain values and pure functions; thread-safe.

#include <array>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "gpio/outputs.h"

namespace ls::agent {

/// The default BCM lines (LightShow Pi's wiring): channel 0 → GPIO17 … channel 7 → GPIO4.
inline constexpr char kDefaultPins[] = "17,18,27,22,23,24,25,4";

struct PinConfig {
  std::array<unsigned, kChannels> offsets{};    ///< line offset on the chip, per channel
  std::array<bool, kChannels> active_low{};     ///< true: channel on = line driven low
};

/// Parses "17,18,27,22,23,24,25,4": exactly 8 distinct line offsets in 0..1023.
absl::StatusOr<std::array<unsigned, kChannels>> ParsePins(absl::string_view csv);

/// Every configured line must exist on the chip: INVALID_ARGUMENT naming `chip`,
/// its `line_count` and the first channel whose line is out of range.
absl::Status CheckPinsOnChip(const PinConfig& config, unsigned line_count, absl::string_view chip);

/// A config with the same active-low setting on every channel.
PinConfig MakePinConfig(const std::array<unsigned, kChannels>& offsets, bool active_low);

/// Physical line level (0/1) per channel for `mask`, honouring each channel's active-low.
std::array<int, kChannels> LineLevels(uint8_t mask, const PinConfig& config);

}  // namespace ls::agent
