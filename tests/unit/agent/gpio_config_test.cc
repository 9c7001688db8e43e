#include <gtest/gtest.h>

#include "gpio/factory.h"
#include "gpio/gpiod_outputs.h"
#include "gpio/pin_config.h"

namespace ls::agent {
namespace {

TEST(GpioSpec, ParsesSimAndGpiod) {
  auto sim = ParseGpioSpec("sim:/tmp/a:b.csv");
  ASSERT_TRUE(sim.ok());
  EXPECT_EQ(sim->kind, GpioSpec::Kind::kSim);
  EXPECT_EQ(sim->target, "/tmp/a:b.csv");
  auto g = ParseGpioSpec("gpiod:gpiochip0");
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->kind, GpioSpec::Kind::kGpiod);
  EXPECT_EQ(g->target, "gpiochip0");
}

TEST(GpioSpec, RejectsUnknownOrIncompleteSpecsWithTheValue) {
  for (const char* bad : {"", "sim", "sim:", "gpiod:", "wiringpi:0", "SIM:/x", "/tmp/x.csv"}) {
    auto s = ParseGpioSpec(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(s.status().message().find("--gpio"), std::string::npos) << s.status();
  }
  EXPECT_NE(ParseGpioSpec("sim:").status().message().find("path"), std::string::npos);
  EXPECT_NE(ParseGpioSpec("gpiod:").status().message().find("chip"), std::string::npos);
}

TEST(Pins, ALineTheChipLacksNamesTheChipAndItsLineCount) {
  const PinConfig pins = MakePinConfig({17, 18, 27, 22, 23, 24, 25, 60}, true);
  EXPECT_TRUE(CheckPinsOnChip(pins, 61, "gpiochip0").ok());
  const absl::Status st = CheckPinsOnChip(pins, 54, "'gpiochip0' (pinctrl-bcm2835)");
  ASSERT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  for (const char* want : {"line 60", "channel 7", "'gpiochip0' (pinctrl-bcm2835)", "54 lines", "0..53"}) {
    EXPECT_NE(st.message().find(want), std::string::npos) << want << " in " << st.message();
  }
}

TEST(Pins, ParsesDefaultAndSpaces) {
  auto p = ParsePins(kDefaultPins);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ((*p)[0], 17u);
  EXPECT_EQ((*p)[7], 4u);
  auto q = ParsePins(" 1, 2,3 ,4,5,6,7,8");
  ASSERT_TRUE(q.ok()) << q.status();
  EXPECT_EQ((*q)[2], 3u);
}

TEST(Pins, RejectsWrongCountDuplicatesAndJunk) {
  EXPECT_FALSE(ParsePins("1,2,3").ok());
  EXPECT_FALSE(ParsePins("1,2,3,4,5,6,7,8,9").ok());
  EXPECT_FALSE(ParsePins("").ok());
  EXPECT_FALSE(ParsePins("1,2,3,4,5,6,7,x").ok());
  EXPECT_FALSE(ParsePins("1,2,3,4,5,6,7,-8").ok());
  EXPECT_FALSE(ParsePins("1,2,3,4,5,6,7,5000").ok());
  auto dup = ParsePins("1,2,3,4,5,6,7,1");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("channel 0 and channel 7"), std::string::npos)
      << dup.status();
}

TEST(LineLevels, ActiveHighFollowsTheMask) {
  const PinConfig c = MakePinConfig(*ParsePins(kDefaultPins), /*active_low=*/false);
  EXPECT_EQ(LineLevels(0xa5, c), (std::array<int, 8>{1, 0, 1, 0, 0, 1, 0, 1}));
  EXPECT_EQ(LineLevels(0x00, c), (std::array<int, 8>{}));
}

TEST(LineLevels, ActiveLowInvertsPerChannel) {
  PinConfig c = MakePinConfig(*ParsePins(kDefaultPins), /*active_low=*/true);
  EXPECT_EQ(LineLevels(0x00, c), (std::array<int, 8>{1, 1, 1, 1, 1, 1, 1, 1}));  // off = high
  EXPECT_EQ(LineLevels(0xa5, c), (std::array<int, 8>{0, 1, 0, 1, 1, 0, 1, 0}));
  c.active_low[1] = false;  // mixed boards: only channel 1 is active-high
  EXPECT_EQ(LineLevels(0x03, c), (std::array<int, 8>{0, 1, 1, 1, 1, 1, 1, 1}));
}

TEST(GpiodOutputs, NonexistentChipIsAClearError) {
  const PinConfig c = MakePinConfig(*ParsePins(kDefaultPins), false);
  auto out = GpiodOutputs::Open("gpiochip-does-not-exist", c);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("gpiochip-does-not-exist"), std::string::npos)
      << out.status();
  auto via_factory = MakeOutputs(*ParseGpioSpec("gpiod:/dev/gpiochip99"), c);
  ASSERT_FALSE(via_factory.ok());
  EXPECT_NE(via_factory.status().message().find("/dev/gpiochip99"), std::string::npos);
}

TEST(Factory, MakesSimOutputs) {
  const PinConfig c = MakePinConfig(*ParsePins(kDefaultPins), false);
  const std::string path = ::testing::TempDir() + "factory_sim.csv";
  auto out = MakeOutputs(*ParseGpioSpec("sim:" + path), c);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_TRUE((*out)->Set(1, FrameStamp{0, 1}).ok());
}

}  // namespace
}  // namespace ls::agent
