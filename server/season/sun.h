#pragma once
/// Sunset, civil dusk, civil dawn and sunrise for a place and a local date,
/// from libnova (ln_get_solar_rst_horizon). Pure functions; thread-safe.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace ls::season {

/// A place on Earth in degrees: latitude −90 (south) … 90, longitude −180 (west) … 180.
struct Location {
  double latitude = 0;
  double longitude = 0;
};

/// INVALID_ARGUMENT naming the bad value (latitude beyond ±90, longitude beyond ±180, NaN).
absl::Status ValidateLocation(const Location& where);

enum class SunEvent { kSunset, kDusk, kDawn, kSunrise };

/// "sunset", "dusk", "dawn", "sunrise".
const char* SunEventName(SunEvent e);

/// The event on local date `day` in `tz`: sunset and dusk in that date's
/// afternoon or evening, dawn and sunrise in its night or morning. Dusk and
/// dawn are civil (the sun 6° below the horizon); sunset and sunrise use
/// libnova's standard horizon (−0.8333°, refraction and the sun's radius).
/// FAILED_PRECONDITION with the reason ("polar night: …", "polar day: …")
/// when the sun does not cross that horizon on that date.
absl::StatusOr<absl::Time> SunTime(SunEvent e, const Location& where, absl::CivilDay day,
                                   absl::TimeZone tz);

}  // namespace ls::season
