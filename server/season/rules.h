#pragma once
/// The nightly schedule's rules and their maths: parsing `--days`, `--from`/
/// `--until` and `--dates`, and the window a rule opens on a local date (in the
/// server's time zone from the system tz database, so DST days are right).
/// Pure functions and plain structs; thread-safe.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "season/sun.h"

namespace ls::season {

/// A time of day: a clock time ("17:00", "17:00:30") or a sun event with an
/// offset ("dusk", "dusk+30m", "sunset-1h15m", "dawn").
struct TimeSpec {
  bool sun = false;
  SunEvent event = SunEvent::kDusk;
  int64_t seconds = 0;  ///< clock: seconds since local midnight; sun: the offset
};

/// INVALID_ARGUMENT naming `flag` and the text.
absl::StatusOr<TimeSpec> ParseTimeSpec(const std::string& flag, const std::string& text);
/// "17:00", "17:00:30", "dusk", "dusk+30m", "sunset-1h15m".
std::string FormatTimeSpec(const TimeSpec& t);

/// Days of the week as a bit mask, bit 0 = Monday … bit 6 = Sunday.
/// "mon-sun", "daily", "fri,sat", "fri-mon" (wraps), "mon-fri,sun".
absl::StatusOr<uint8_t> ParseDays(const std::string& text);
std::string FormatDays(uint8_t mask);

/// A yearly date range "MM-DD..MM-DD" (inclusive; wraps the new year when the
/// end comes before the start). Empty text = every date.
struct DateRange {
  bool any = true;
  int from_month = 1, from_day = 1, to_month = 12, to_day = 31;
};
absl::StatusOr<DateRange> ParseDates(const std::string& text);
std::string FormatDates(const DateRange& d);
bool InRange(const DateRange& d, absl::CivilDay day);

enum class StopMode { kFinishSong, kNow };
absl::StatusOr<StopMode> ParseStopMode(const std::string& text);
const char* StopModeName(StopMode m);

struct ScheduleRule {
  int64_t id = 0;
  std::string playlist;
  uint8_t days = 0x7f;
  TimeSpec from, until;
  DateRange dates;
  StopMode stop = StopMode::kFinishSong;
};

/// Whether the rule needs the server's location (a sun event in from/until).
bool NeedsLocation(const ScheduleRule& r);

/// A window opened by a rule on the local date `day` (the date of its start).
struct Window {
  int64_t rule_id = 0;
  absl::CivilDay day;
  absl::Time start, end;
  /// Non-empty: that date's window is skipped (polar day/night, no location), and why.
  std::string skipped;
  /// "RULE@YYYY-MM-DD": names the window across restarts.
  std::string Key() const;
};

/// The rule's window opening on `day`, or nullopt when the day of the week
/// or the date range excludes that date. The end is on `day` when it comes
/// after the start, else on the next morning (a window may cross midnight
/// into the next day before 12:00). INVALID_ARGUMENT when the window ends
/// before it starts; a missing sun event gives a skipped window.
absl::StatusOr<std::optional<Window>> WindowOn(const ScheduleRule& r, absl::CivilDay day, absl::TimeZone tz,
                                               const std::optional<Location>& where);

/// Checks a rule for every date of the coming year from `today` (what `lsctl
/// schedule add` validates): INVALID_ARGUMENT naming the first date whose
/// window ends before it starts, or a rule that never opens.
absl::Status CheckRule(const ScheduleRule& r, absl::CivilDay today, absl::TimeZone tz,
                       const std::optional<Location>& where);

}  // namespace ls::season
