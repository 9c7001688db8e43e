// The schedule's parsing and window maths with fixed dates: DST days, windows
// across midnight, date ranges over the new year, dusk, bad input.
#include <gtest/gtest.h>

#include "season/rules.h"

namespace ls::season {
namespace {

absl::TimeZone Berlin() {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Berlin", &tz));
  return tz;
}

ScheduleRule Rule(const std::string& from, const std::string& until, const std::string& days = "mon-sun",
                  const std::string& dates = "") {
  ScheduleRule r;
  r.id = 1;
  r.playlist = "xmas";
  r.days = *ParseDays(days);
  r.from = *ParseTimeSpec("--from", from);
  r.until = *ParseTimeSpec("--until", until);
  r.dates = *ParseDates(dates);
  return r;
}

std::string Msg(const absl::Status& s) { return std::string(s.message()); }

TEST(Rules, ParsesDaysIncludingWrappingRanges) {
  EXPECT_EQ(*ParseDays("mon-sun"), 0x7f);
  EXPECT_EQ(*ParseDays("fri,sat"), 0x30);
  EXPECT_EQ(*ParseDays("fri-mon"), 0x71);  // fri sat sun mon
  EXPECT_EQ(FormatDays(*ParseDays("Friday-Monday")), "mon,fri-sun");
  auto bad = ParseDays("mon-fryday");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(Msg(bad.status()).find("unknown day name 'fryday'"), std::string::npos) << bad.status();
}

TEST(Rules, ParsesTimesAndSunOffsets) {
  EXPECT_EQ(FormatTimeSpec(*ParseTimeSpec("--from", "17:00")), "17:00");
  EXPECT_EQ(FormatTimeSpec(*ParseTimeSpec("--from", "7:05:09")), "07:05:09");
  EXPECT_EQ(FormatTimeSpec(*ParseTimeSpec("--from", "dusk+30m")), "dusk+30m");
  EXPECT_EQ(FormatTimeSpec(*ParseTimeSpec("--from", "Sunset-1h15m")), "sunset-1h15m");
  for (const char* bad : {"24:00", "17:60", "17", "dusk+30", "dusk+7h", "noon", "17:0"}) {
    auto t = ParseTimeSpec("--from", bad);
    ASSERT_FALSE(t.ok()) << bad;
    EXPECT_NE(Msg(t.status()).find(bad), std::string::npos) << t.status();
  }
}

TEST(Rules, DateRangeWrapsTheNewYear) {
  DateRange d = *ParseDates("11-28..01-06");
  EXPECT_TRUE(InRange(d, absl::CivilDay(2026, 11, 28)));
  EXPECT_TRUE(InRange(d, absl::CivilDay(2026, 12, 31)));
  EXPECT_TRUE(InRange(d, absl::CivilDay(2027, 1, 6)));
  EXPECT_FALSE(InRange(d, absl::CivilDay(2027, 1, 7)));
  EXPECT_FALSE(InRange(d, absl::CivilDay(2026, 11, 27)));
  EXPECT_FALSE(ParseDates("11-31..01-06").ok());
  EXPECT_FALSE(ParseDates("11-28-01-06").ok());
}

TEST(Rules, ClockWindowInWinterAndOnBothDstDays) {
  const absl::TimeZone tz = Berlin();
  const ScheduleRule r = Rule("17:00", "22:30");
  auto winter = WindowOn(r, absl::CivilDay(2026, 12, 5), tz, std::nullopt);
  ASSERT_TRUE(winter.ok() && winter->has_value());
  EXPECT_EQ((*winter)->start, absl::FromCivil(absl::CivilSecond(2026, 12, 5, 16, 0, 0), absl::UTCTimeZone()));
  EXPECT_EQ((*winter)->end - (*winter)->start, absl::Hours(5.5));
  // Spring forward (2026-03-29, 02:00 → 03:00): 17:00 is CEST, UTC+2.
  auto spring = WindowOn(r, absl::CivilDay(2026, 3, 29), tz, std::nullopt);
  EXPECT_EQ((*spring)->start, absl::FromCivil(absl::CivilSecond(2026, 3, 29, 15, 0, 0), absl::UTCTimeZone()));
  // A window across the missing hour lasts an hour less; across the repeated one, an hour more.
  const ScheduleRule night = Rule("23:00", "04:00");
  auto short_night = WindowOn(night, absl::CivilDay(2026, 3, 28), tz, std::nullopt);
  ASSERT_TRUE(short_night.ok() && short_night->has_value()) << short_night.status();
  EXPECT_EQ((*short_night)->end - (*short_night)->start, absl::Hours(4));
  auto long_night = WindowOn(night, absl::CivilDay(2026, 10, 24), tz, std::nullopt);
  EXPECT_EQ((*long_night)->end - (*long_night)->start, absl::Hours(6));
}

TEST(Rules, DaysAndDatesSelectTheNights) {
  const absl::TimeZone tz = Berlin();
  const ScheduleRule r = Rule("17:00", "22:30", "fri,sat", "11-28..01-06");
  EXPECT_TRUE(WindowOn(r, absl::CivilDay(2026, 12, 4), tz, std::nullopt)->has_value());   // Friday
  EXPECT_FALSE(WindowOn(r, absl::CivilDay(2026, 12, 3), tz, std::nullopt)->has_value());  // Thursday
  EXPECT_FALSE(WindowOn(r, absl::CivilDay(2027, 1, 8), tz, std::nullopt)->has_value());   // Friday, after
}

TEST(Rules, AWindowThatEndsBeforeItStartsIsRefused) {
  const absl::TimeZone tz = Berlin();
  auto w = WindowOn(Rule("17:00", "16:00"), absl::CivilDay(2026, 12, 5), tz, std::nullopt);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(Msg(w.status()).find("ends before it starts"), std::string::npos) << w.status();
  EXPECT_FALSE(CheckRule(Rule("17:00", "16:00"), absl::CivilDay(2026, 12, 5), tz, std::nullopt).ok());
  EXPECT_TRUE(CheckRule(Rule("22:00", "02:00"), absl::CivilDay(2026, 12, 5), tz, std::nullopt).ok());
  // 17:00 until dusk: dusk (16:36 in December) comes first at 52.5 N.
  auto st = CheckRule(Rule("17:00", "dusk"), absl::CivilDay(2026, 12, 5), tz, Location{52.5, 13.4});
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
}

TEST(Rules, DuskNeedsALocation) {
  auto st = CheckRule(Rule("dusk", "22:30"), absl::CivilDay(2026, 12, 5), Berlin(), std::nullopt);
  EXPECT_EQ(st.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(Msg(st).find("--latitude"), std::string::npos) << st;
}

TEST(Rules, DuskToDawnCrossesMidnightAndPolarNightsAreSkipped) {
  const absl::TimeZone tz = Berlin();
  auto w = WindowOn(Rule("dusk+30m", "dawn"), absl::CivilDay(2026, 12, 21), tz, Location{52.5, 13.4});
  ASSERT_TRUE(w.ok() && w->has_value()) << w.status();
  EXPECT_TRUE((*w)->skipped.empty());
  EXPECT_EQ(absl::ToCivilDay((*w)->end, tz), absl::CivilDay(2026, 12, 22));
  auto polar = WindowOn(Rule("dusk", "22:30"), absl::CivilDay(2026, 12, 21), tz, Location{78.2, 15.6});
  ASSERT_TRUE(polar.ok() && polar->has_value()) << polar.status();
  EXPECT_NE((*polar)->skipped.find("polar night"), std::string::npos) << (*polar)->skipped;
  // A rule that is skipped every night is valid (the nights come back in spring).
  EXPECT_TRUE(CheckRule(Rule("dusk", "02:00"), absl::CivilDay(2026, 12, 21), tz, Location{78.2, 15.6}).ok());
}

TEST(Rules, ARuleThatNeverOpensIsRefused) {
  // No 29 February in the coming year.
  auto st = CheckRule(Rule("17:00", "22:00", "mon", "02-29..02-29"), absl::CivilDay(2026, 12, 5), Berlin(),
                      std::nullopt);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument) << st;
}

}  // namespace
}  // namespace ls::season
