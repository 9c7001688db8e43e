#include "season/rules.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace ls::season {
namespace {

constexpr int64_t kMaxSunOffset = 6 * 3600;
const char* const kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
const char* const kFullDayNames[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// "1h15m", "30m", "90s" → seconds; false on anything else.
bool ParseDuration(const std::string& s, int64_t* out) {
  if (s.empty()) return false;
  int64_t total = 0, num = 0;
  bool have_digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      num = num * 10 + (c - '0');
      have_digit = true;
      if (num > 100000) return false;
    } else if (have_digit && (c == 'h' || c == 'm' || c == 's')) {
      total += num * (c == 'h' ? 3600 : c == 'm' ? 60 : 1);
      num = 0;
      have_digit = false;
    } else {
      return false;
    }
  }
  if (have_digit) return false;  // a unit is required: "30" is ambiguous
  *out = total;
  return true;
}

bool ParseClock(const std::string& s, int64_t* out) {
  std::vector<std::string> parts = absl::StrSplit(s, ':');
  if (parts.size() < 2 || parts.size() > 3) return false;
  int v[3] = {0, 0, 0};
  const int max[3] = {23, 59, 59};
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty() || parts[i].size() > 2 || !absl::SimpleAtoi(parts[i], &v[i]) || v[i] < 0 ||
        v[i] > max[i] || (i > 0 && parts[i].size() != 2)) {
      return false;
    }
  }
  *out = v[0] * 3600 + v[1] * 60 + v[2];
  return true;
}

int DayIndex(const std::string& name) {
  for (int i = 0; i < 7; ++i) {
    if (name == kDayNames[i] || name == kFullDayNames[i]) return i;
  }
  return -1;
}

int DaysInMonth(int month) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[month - 1];
}

bool ParseMonthDay(const std::string& s, int* month, int* day) {
  std::vector<std::string> p = absl::StrSplit(s, '-');
  return p.size() == 2 && absl::SimpleAtoi(p[0], month) && absl::SimpleAtoi(p[1], day) && *month >= 1 &&
         *month <= 12 && *day >= 1 && *day <= DaysInMonth(*month);
}

absl::StatusOr<absl::Time> Resolve(const TimeSpec& t, absl::CivilDay day, absl::TimeZone tz,
                                   const std::optional<Location>& where) {
  if (!t.sun) return absl::FromCivil(absl::CivilSecond(day) + t.seconds, tz);
  if (!where) {
    return absl::FailedPreconditionError(
        absl::StrCat("no ", SunEventName(t.event), " without a location: start lightshow-server with "
                     "--latitude and --longitude"));
  }
  auto s = SunTime(t.event, *where, day, tz);
  if (!s.ok()) return s.status();
  return *s + absl::Seconds(t.seconds);
}

std::string LocalHm(absl::Time t, absl::TimeZone tz) { return absl::FormatTime("%H:%M", t, tz); }

}  // namespace

absl::StatusOr<TimeSpec> ParseTimeSpec(const std::string& flag, const std::string& text) {
  std::string s = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  TimeSpec t;
  if (ParseClock(s, &t.seconds)) return t;
  size_t sign = s.find_first_of("+-");
  std::string name = s.substr(0, sign);
  const SunEvent events[] = {SunEvent::kSunset, SunEvent::kDusk, SunEvent::kDawn, SunEvent::kSunrise};
  for (SunEvent e : events) {
    if (name != SunEventName(e)) continue;
    t.sun = true;
    t.event = e;
    if (sign == std::string::npos) return t;
    int64_t off = 0;
    if (!ParseDuration(s.substr(sign + 1), &off) || off > kMaxSunOffset) {
      return absl::InvalidArgumentError(absl::StrCat(flag, ": bad offset in '", text,
                                                     "': give e.g. dusk+30m or sunset-1h15m (at most 6h)"));
    }
    t.seconds = s[sign] == '-' ? -off : off;
    return t;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      flag, " must be a time HH:MM[:SS] or dusk, dawn, sunset, sunrise with an optional +/- offset "
            "(e.g. dusk+30m), got '", text, "'"));
}

std::string FormatTimeSpec(const TimeSpec& t) {
  if (!t.sun) {
    int64_t s = t.seconds;
    return s % 60 == 0 ? absl::StrFormat("%02d:%02d", s / 3600, s / 60 % 60)
                       : absl::StrFormat("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  }
  std::string out = SunEventName(t.event);
  if (t.seconds == 0) return out;
  int64_t a = t.seconds < 0 ? -t.seconds : t.seconds;
  absl::StrAppend(&out, t.seconds < 0 ? "-" : "+");
  if (a >= 3600) absl::StrAppend(&out, a / 3600, "h");
  if (a % 3600 >= 60) absl::StrAppend(&out, a % 3600 / 60, "m");
  if (a % 60 != 0) absl::StrAppend(&out, a % 60, "s");
  return out;
}

absl::StatusOr<uint8_t> ParseDays(const std::string& text) {
  std::string s = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (s.empty() || s == "daily" || s == "all" || s == "every") return static_cast<uint8_t>(0x7f);
  uint8_t mask = 0;
  for (absl::string_view part : absl::StrSplit(s, ',')) {
    std::vector<std::string> ends = absl::StrSplit(part, '-');
    if (ends.size() > 2) return absl::InvalidArgumentError(absl::StrCat("--days: bad range '", part, "'"));
    int a = DayIndex(ends[0]);
    int b = ends.size() == 2 ? DayIndex(ends[1]) : a;
    for (int i = 0; i < static_cast<int>(ends.size()); ++i) {
      if ((i == 0 ? a : b) < 0) {
        return absl::InvalidArgumentError(absl::StrCat("--days: unknown day name '", ends[i],
                                                       "' (use mon tue wed thu fri sat sun, e.g. mon-sun or fri,sat)"));
      }
    }
    for (int d = a;; d = (d + 1) % 7) {  // fri-mon wraps over the weekend
      mask |= static_cast<uint8_t>(1 << d);
      if (d == b) break;
    }
  }
  return mask;
}

std::string FormatDays(uint8_t mask) {
  if (mask == 0x7f) return "mon-sun";
  std::vector<std::string> parts;
  for (int d = 0; d < 7;) {
    if (!(mask & (1 << d))) { ++d; continue; }
    int e = d;
    while (e + 1 < 7 && (mask & (1 << (e + 1)))) ++e;
    parts.push_back(e == d ? kDayNames[d] : absl::StrCat(kDayNames[d], e == d + 1 ? "," : "-", kDayNames[e]));
    d = e + 1;
  }
  return absl::StrJoin(parts, ",");
}

absl::StatusOr<DateRange> ParseDates(const std::string& text) {
  DateRange d;
  std::string s(absl::StripAsciiWhitespace(text));
  if (s.empty()) return d;
  size_t dots = s.find("..");
  if (dots == std::string::npos || !ParseMonthDay(s.substr(0, dots), &d.from_month, &d.from_day) ||
      !ParseMonthDay(s.substr(dots + 2), &d.to_month, &d.to_day)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--dates must be MM-DD..MM-DD (e.g. 11-28..01-06), got '", text, "'"));
  }
  d.any = false;
  return d;
}

std::string FormatDates(const DateRange& d) {
  if (d.any) return "";
  return absl::StrFormat("%02d-%02d..%02d-%02d", d.from_month, d.from_day, d.to_month, d.to_day);
}

bool InRange(const DateRange& d, absl::CivilDay day) {
  if (d.any) return true;
  int md = day.month() * 100 + day.day();
  int from = d.from_month * 100 + d.from_day, to = d.to_month * 100 + d.to_day;
  return from <= to ? (md >= from && md <= to) : (md >= from || md <= to);
}

absl::StatusOr<StopMode> ParseStopMode(const std::string& text) {
  if (text.empty() || text == "finish-song") return StopMode::kFinishSong;
  if (text == "now") return StopMode::kNow;
  return absl::InvalidArgumentError(absl::StrCat("--stop must be finish-song or now, got '", text, "'"));
}

const char* StopModeName(StopMode m) { return m == StopMode::kNow ? "now" : "finish-song"; }

bool NeedsLocation(const ScheduleRule& r) { return r.from.sun || r.until.sun; }

std::string Window::Key() const { return absl::StrCat(rule_id, "@", absl::FormatCivilTime(day)); }

absl::StatusOr<std::optional<Window>> WindowOn(const ScheduleRule& r, absl::CivilDay day, absl::TimeZone tz,
                                               const std::optional<Location>& where) {
  int wd = static_cast<int>(absl::GetWeekday(day));  // absl: monday = 0 … sunday = 6
  if (!(r.days & (1 << wd)) || !InRange(r.dates, day)) return std::nullopt;
  Window w;
  w.rule_id = r.id;
  w.day = day;
  auto start = Resolve(r.from, day, tz, where);
  auto end = Resolve(r.until, day, tz, where);
  if (start.ok() && end.ok() && *end <= *start) {
    // Across midnight: the end is the next morning's.
    end = Resolve(r.until, day + 1, tz, where);
    if (end.ok() && (*end <= *start || absl::ToCivilHour(*end, tz).hour() >= 12)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the window ends before it starts on ", absl::FormatCivilTime(day), ": --until ",
          FormatTimeSpec(r.until), " (", LocalHm(*end, tz), ") is not after --from ", FormatTimeSpec(r.from),
          " (", LocalHm(*start, tz), "); a window may cross midnight only into the next morning"));
    }
  }
  if (!start.ok() || !end.ok()) {
    w.skipped = std::string((!start.ok() ? start.status() : end.status()).message());
    w.start = absl::FromCivil(absl::CivilSecond(day), tz);
    w.end = absl::FromCivil(absl::CivilSecond(day + 1), tz);
    return w;
  }
  w.start = *start;
  w.end = *end;
  return w;
}

absl::Status CheckRule(const ScheduleRule& r, absl::CivilDay today, absl::TimeZone tz,
                       const std::optional<Location>& where) {
  if (NeedsLocation(r) && !where) {
    return absl::FailedPreconditionError(
        absl::StrCat("--from ", FormatTimeSpec(r.from), " --until ", FormatTimeSpec(r.until),
                     " needs the server's location: start lightshow-server with --latitude and --longitude"));
  }
  bool opens = false;
  for (int i = 0; i < 366; ++i) {
    auto w = WindowOn(r, today + i, tz, where);
    if (!w.ok()) return w.status();
    opens = opens || w->has_value();
    // Clock times give the same window every date: one is enough.
    if (opens && !NeedsLocation(r)) break;
  }
  if (!opens) {
    return absl::InvalidArgumentError(absl::StrCat("the schedule never opens: no date in --dates ",
                                                   FormatDates(r.dates), " falls on --days ", FormatDays(r.days)));
  }
  return absl::OkStatus();
}

}  // namespace ls::season
