// Dusk, dawn, sunset and sunrise against libnova itself and published times,
// for two places on either side of the equator and one west of Greenwich.
#include <gtest/gtest.h>

#include "libnova/solar.h"
#include "season/sun.h"

namespace ls::season {
namespace {

absl::TimeZone Zone(const char* name) {
  absl::TimeZone tz;
  EXPECT_TRUE(absl::LoadTimeZone(name, &tz)) << name;
  return tz;
}

// Minutes after local midnight of `t` on its local day.
double LocalMinutes(absl::Time t, absl::TimeZone tz) {
  absl::CivilSecond c = absl::ToCivilSecond(t, tz);
  return c.hour() * 60 + c.minute() + c.second() / 60.0;
}

// libnova directly, for the UT day holding local noon: the reference the
// wrapper must reproduce (it may pick a neighbouring UT day's event).
absl::Time LibnovaSet(double lat, double lon, double horizon, absl::CivilDay day, absl::TimeZone tz, int shift) {
  absl::Time noon = absl::FromCivil(absl::CivilSecond(day.year(), day.month(), day.day(), 12, 0, 0), tz);
  double jd = 2440587.5 + absl::ToDoubleSeconds(noon - absl::UnixEpoch()) / 86400.0 + shift;
  ln_lnlat_posn obs{lon, lat};
  ln_rst_time rst{};
  EXPECT_EQ(ln_get_solar_rst_horizon(jd, &obs, horizon, &rst), 0);
  return absl::UnixEpoch() + absl::Seconds((rst.set - 2440587.5) * 86400.0);
}

TEST(Sun, BerlinDuskMatchesLibnovaAndTheAlmanac) {
  const absl::TimeZone tz = Zone("Europe/Berlin");
  const Location berlin{52.5, 13.4};
  const absl::CivilDay day(2026, 12, 21);
  auto dusk = SunTime(SunEvent::kDusk, berlin, day, tz);
  auto sunset = SunTime(SunEvent::kSunset, berlin, day, tz);
  ASSERT_TRUE(dusk.ok()) << dusk.status();
  ASSERT_TRUE(sunset.ok()) << sunset.status();
  EXPECT_LT(absl::AbsDuration(*dusk - LibnovaSet(52.5, 13.4, LN_SOLAR_CIVIL_HORIZON, day, tz, 0)), absl::Seconds(1));
  // Almanac: sunset 15:54, civil dusk 16:36 CET on the winter solstice.
  EXPECT_NEAR(LocalMinutes(*sunset, tz), 15 * 60 + 54, 5);
  EXPECT_NEAR(LocalMinutes(*dusk, tz), 16 * 60 + 36, 5);
  auto dawn = SunTime(SunEvent::kDawn, berlin, day, tz);
  ASSERT_TRUE(dawn.ok());
  EXPECT_NEAR(LocalMinutes(*dawn, tz), 7 * 60 + 33, 6);  // civil dawn ≈ 07:33
  EXPECT_EQ(absl::ToCivilDay(*dawn, tz), day);
}

TEST(Sun, MelbourneDuskInSummerTimeMatchesLibnova) {
  const absl::TimeZone tz = Zone("Australia/Melbourne");
  const Location melbourne{-37.8, 144.96};
  const absl::CivilDay day(2026, 12, 21);
  auto dusk = SunTime(SunEvent::kDusk, melbourne, day, tz);
  auto sunset = SunTime(SunEvent::kSunset, melbourne, day, tz);
  ASSERT_TRUE(dusk.ok()) << dusk.status();
  ASSERT_TRUE(sunset.ok()) << sunset.status();
  EXPECT_EQ(absl::ToCivilDay(*dusk, tz), day);
  // The local evening is the morning of the same UT day: libnova's event of that UT day.
  absl::Time ref = LibnovaSet(-37.8, 144.96, LN_SOLAR_CIVIL_HORIZON, day, tz, 0);
  if (absl::ToCivilDay(ref, tz) != day) ref = LibnovaSet(-37.8, 144.96, LN_SOLAR_CIVIL_HORIZON, day, tz, -1);
  EXPECT_LT(absl::AbsDuration(*dusk - ref), absl::Seconds(1));
  // Almanac (AEDT, UTC+11): sunset 20:43, civil dusk 21:15.
  EXPECT_NEAR(LocalMinutes(*sunset, tz), 20 * 60 + 43, 6);
  EXPECT_NEAR(LocalMinutes(*dusk, tz), 21 * 60 + 15, 6);
}

TEST(Sun, WestOfGreenwichTheEveningIsTheNextUtDay) {
  const absl::TimeZone tz = Zone("America/Los_Angeles");
  auto sunset = SunTime(SunEvent::kSunset, {37.77, -122.42}, absl::CivilDay(2026, 12, 21), tz);
  ASSERT_TRUE(sunset.ok()) << sunset.status();
  EXPECT_EQ(absl::ToCivilDay(*sunset, tz), absl::CivilDay(2026, 12, 21));
  EXPECT_NEAR(LocalMinutes(*sunset, tz), 16 * 60 + 54, 6);  // San Francisco: 16:54 PST
}

TEST(Sun, PolarNightAndPolarDayHaveNoDusk) {
  const absl::TimeZone tz = Zone("Arctic/Longyearbyen");
  const Location svalbard{78.2, 15.6};
  auto winter = SunTime(SunEvent::kDusk, svalbard, absl::CivilDay(2026, 12, 21), tz);
  ASSERT_FALSE(winter.ok());
  EXPECT_EQ(winter.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(winter.status().message().find("polar night"), std::string::npos) << winter.status();
  auto summer = SunTime(SunEvent::kDusk, svalbard, absl::CivilDay(2026, 6, 21), tz);
  ASSERT_FALSE(summer.ok());
  EXPECT_NE(summer.status().message().find("polar day"), std::string::npos) << summer.status();
}

TEST(Sun, LatitudeBeyondNinetyIsRefused) {
  auto st = ValidateLocation({95, 10});
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("95"), std::string::npos);
  EXPECT_FALSE(ValidateLocation({10, -181}).ok());
  EXPECT_TRUE(ValidateLocation({-90, 180}).ok());
}

}  // namespace
}  // namespace ls::season
