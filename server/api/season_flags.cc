#include "api/season_flags.h"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace ls::api {
namespace {

// The zone's name for people: $TZ, /etc/timezone, or the /etc/localtime link.
std::string LocalZoneName() {
  if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
    return std::string(absl::StripPrefix(tz, ":"));
  }
  std::ifstream f("/etc/timezone");
  std::string line;
  if (f && std::getline(f, line) && !line.empty()) return line;
  char buf[512];
  ssize_t n = readlink("/etc/localtime", buf, sizeof(buf) - 1);
  if (n > 0) {
    std::string target(buf, static_cast<size_t>(n));
    auto pos = target.find("zoneinfo/");
    if (pos != std::string::npos) return target.substr(pos + 9);
  }
  return "localtime";
}

}  // namespace

void AddSeasonFlags(CLI::App& app, ServerConfig& cfg) {
  app.add_option("--latitude", cfg.latitude,
                 "the show's latitude in degrees (north positive), for schedules at dusk/dawn");
  app.add_option("--longitude", cfg.longitude,
                 "the show's longitude in degrees (east positive), for schedules at dusk/dawn");
  app.add_option("--timezone", cfg.timezone,
                 "time zone of the schedule, e.g. Europe/Berlin (default: the system's local zone)")
      ->capture_default_str();
}

absl::Status ValidateSeasonConfig(const ServerConfig& c) {
  const bool lat = !std::isnan(c.latitude), lon = !std::isnan(c.longitude);
  if (lat != lon) {
    return absl::InvalidArgumentError(absl::StrCat("--latitude and --longitude go together: got only ",
                                                   lat ? "--latitude" : "--longitude"));
  }
  if (lat && !(c.latitude >= -90 && c.latitude <= 90)) {
    return absl::InvalidArgumentError(absl::StrCat("--latitude must be -90..90 degrees, got ", c.latitude));
  }
  if (lon && !(c.longitude >= -180 && c.longitude <= 180)) {
    return absl::InvalidArgumentError(absl::StrCat("--longitude must be -180..180 degrees, got ", c.longitude));
  }
  absl::TimeZone tz;
  if (!c.timezone.empty() && c.timezone != "localtime" && !absl::LoadTimeZone(c.timezone, &tz)) {
    return absl::InvalidArgumentError(absl::StrCat("--timezone: unknown time zone '", c.timezone,
                                                   "' (a name from /usr/share/zoneinfo, e.g. Europe/Berlin)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<season::SchedulerOptions> SeasonOptions(const ServerConfig& c) {
  if (auto st = ValidateSeasonConfig(c); !st.ok()) return st;
  season::SchedulerOptions o;
  o.tz_name = (c.timezone.empty() || c.timezone == "localtime") ? LocalZoneName() : c.timezone;
  if (!absl::LoadTimeZone(o.tz_name, &o.tz)) {
    o.tz = absl::LocalTimeZone();
    o.tz_name = "localtime";
  }
  if (!std::isnan(c.latitude)) o.where = season::Location{c.latitude, c.longitude};
  return o;
}

}  // namespace ls::api
