#include "gpio/gpiod_outputs.h"

#include <gpiod.hpp>

#include <exception>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace ls::agent {

struct GpiodOutputs::Lines {
  gpiod::chip chip;
  gpiod::line_bulk bulk;
};

namespace {

std::vector<int> ToVector(const std::array<int, kChannels>& levels) {
  return std::vector<int>(levels.begin(), levels.end());
}

}  // namespace

absl::StatusOr<std::unique_ptr<GpiodOutputs>> GpiodOutputs::Open(const std::string& chip,
                                                                  const PinConfig& config) {
  if (chip.empty()) return absl::InvalidArgumentError("gpiod chip name is empty");
  auto lines = std::make_unique<Lines>();
  // libgpiodcxx reports failures by throwing; translate at this boundary.
  try {
    lines->chip.open(chip, gpiod::chip::OPEN_LOOKUP);
  } catch (const std::exception& e) {
    return absl::NotFoundError(absl::StrCat("cannot open GPIO chip '", chip, "': ", e.what(),
                                            " (try gpiochip0 or /dev/gpiochip0)"));
  }
  // A line the chip lacks would make libgpiod throw a bare "Invalid argument".
  const std::string described =
      absl::StrCat("'", lines->chip.name(), "' (", lines->chip.label(), ")");
  if (absl::Status st = CheckPinsOnChip(config, lines->chip.num_lines(), described); !st.ok()) {
    return st;
  }
  try {
    std::vector<unsigned> offsets(config.offsets.begin(), config.offsets.end());
    lines->bulk = lines->chip.get_lines(offsets);
    gpiod::line_request req;
    req.consumer = "lightshow";
    req.request_type = gpiod::line_request::DIRECTION_OUTPUT;
    lines->bulk.request(req, ToVector(LineLevels(0, config)));
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("cannot request GPIO lines ",
                                               absl::StrJoin(config.offsets, ","), " on '", chip,
                                               "' as outputs: ", e.what()));
  }
  return std::unique_ptr<GpiodOutputs>(new GpiodOutputs(std::move(lines), config));
}

GpiodOutputs::GpiodOutputs(std::unique_ptr<Lines> lines, PinConfig config)
    : lines_(std::move(lines)), config_(config) {}

GpiodOutputs::~GpiodOutputs() {
  try {
    lines_->bulk.set_values(ToVector(LineLevels(0, config_)));
    lines_->bulk.release();
  } catch (const std::exception&) {
    // Nothing more can be done on the way out.
  }
}

absl::Status GpiodOutputs::Set(uint8_t mask, const FrameStamp& /*stamp*/) {
  try {
    lines_->bulk.set_values(ToVector(LineLevels(mask, config_)));
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("setting GPIO lines failed: ", e.what()));
  }
  return absl::OkStatus();
}

absl::Status GpiodOutputs::AllOff(int64_t /*scheduled_ns*/) {
  return Set(0, FrameStamp{});
}

}  // namespace ls::agent
