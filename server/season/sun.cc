#include "season/sun.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libnova/solar.h"

namespace ls::season {
namespace {

constexpr double kUnixEpochJd = 2440587.5;

double ToJd(absl::Time t) { return kUnixEpochJd + absl::ToDoubleSeconds(t - absl::UnixEpoch()) / 86400.0; }
absl::Time FromJd(double jd) { return absl::UnixEpoch() + absl::Seconds((jd - kUnixEpochJd) * 86400.0); }

double Horizon(SunEvent e) {
  return (e == SunEvent::kDusk || e == SunEvent::kDawn) ? LN_SOLAR_CIVIL_HORIZON : LN_SOLAR_STANDART_HORIZON;
}

bool Evening(SunEvent e) { return e == SunEvent::kSunset || e == SunEvent::kDusk; }

std::string Place(const Location& w) {
  return absl::StrFormat("%.2f %s %.2f %s", std::fabs(w.latitude), w.latitude >= 0 ? "N" : "S",
                         std::fabs(w.longitude), w.longitude >= 0 ? "E" : "W");
}

}  // namespace

absl::Status ValidateLocation(const Location& w) {
  if (!(w.latitude >= -90 && w.latitude <= 90)) {
    return absl::InvalidArgumentError(absl::StrCat("latitude must be -90..90 degrees, got ", w.latitude));
  }
  if (!(w.longitude >= -180 && w.longitude <= 180)) {
    return absl::InvalidArgumentError(absl::StrCat("longitude must be -180..180 degrees, got ", w.longitude));
  }
  return absl::OkStatus();
}

const char* SunEventName(SunEvent e) {
  switch (e) {
    case SunEvent::kSunset: return "sunset";
    case SunEvent::kDusk: return "dusk";
    case SunEvent::kDawn: return "dawn";
    case SunEvent::kSunrise: return "sunrise";
  }
  return "?";
}

absl::StatusOr<absl::Time> SunTime(SunEvent e, const Location& where, absl::CivilDay day,
                                   absl::TimeZone tz) {
  if (auto st = ValidateLocation(where); !st.ok()) return st;
  // The local day as an interval, and the half that holds the event: libnova
  // answers for a UT day, which is not the local one away from Greenwich, so
  // ask for the UT days around it and keep the event inside that half.
  const absl::Time day_start = absl::FromCivil(absl::CivilSecond(day), tz);
  const absl::Time noon = absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), 12, 0, 0), tz);
  const absl::Time day_end = absl::FromCivil(absl::CivilSecond(day + 1), tz);
  const absl::Time lo = Evening(e) ? noon : day_start;
  const absl::Time hi = Evening(e) ? day_end : noon;
  ln_lnlat_posn observer{where.longitude, where.latitude};  // libnova: east longitude positive
  int above = 0, below = 0;
  for (int d = -1; d <= 1; ++d) {
    ln_rst_time rst{};
    int r = ln_get_solar_rst_horizon(ToJd(noon) + d, &observer, Horizon(e), &rst);
    if (r == 1) { ++above; continue; }
    if (r == -1) { ++below; continue; }
    absl::Time t = FromJd(Evening(e) ? rst.set : rst.rise);
    if (t >= lo && t < hi) return t;
  }
  const std::string what =
      absl::StrCat(SunEventName(e), " on ", absl::FormatCivilTime(day), " at ", Place(where));
  if (below > 0 && below >= above) {
    return absl::FailedPreconditionError(
        absl::StrCat("polar night: no ", what, " (the sun stays below ", Horizon(e), "° all day)"));
  }
  if (above > 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("polar day: no ", what, " (the sun stays above ", Horizon(e), "° all day)"));
  }
  // The sun crosses the horizon, but not in that half of the day (near the
  // polar circles, e.g. a "dusk" after midnight): no such event that date.
  return absl::FailedPreconditionError(
      absl::StrCat("no ", what, ": the sun does not cross ", Horizon(e), "° in the ",
                   Evening(e) ? "afternoon or evening" : "night or morning", " of that date"));
}

}  // namespace ls::season
