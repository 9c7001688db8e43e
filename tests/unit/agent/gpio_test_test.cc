// `lightshow-agent --gpio-test` with the sim backend: each channel alone, in
// order, for the configured time, the BCM pin printed, every pin off at the end
// and when interrupted.
#include <gtest/gtest.h>

#include <sstream>

#include "agent_test_util.h"
#include "app/gpio_test.h"
#include "gpio/sim_outputs.h"

namespace ls::agent {
namespace {

using testing::ReadCsv;

TEST(GpioTest, EachChannelAloneInOrderThenAllOff) {
  const std::string csv = testing::TempPath("gpio-test.csv");
  auto sim = SimOutputs::Open(csv);
  ASSERT_TRUE(sim.ok()) << sim.status();
  const PinConfig pins = MakePinConfig({17, 18, 27, 22, 23, 24, 25, 4}, true);
  std::ostringstream out;
  std::vector<int> waits;
  ASSERT_TRUE(RunGpioTest(**sim, pins, 1000, out, [&](int ms) {
                waits.push_back(ms);
                return true;
              }).ok());
  EXPECT_EQ(waits, std::vector<int>(8, 1000)) << "one second per channel";
  const auto rows = ReadCsv(csv);
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_EQ(rows.front().frame, -1);
  EXPECT_EQ(rows.front().mask, 0u) << "off before the first channel";
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(rows[1 + i].frame, i);
    EXPECT_EQ(rows[1 + i].mask, 1u << i) << "channel " << i << " alone";
  }
  EXPECT_EQ(rows.back().frame, -1);
  EXPECT_EQ(rows.back().mask, 0u) << "every pin off at the end";
  const std::string text = out.str();
  EXPECT_NE(text.find("active-low yes"), std::string::npos) << text;
  size_t at = 0;
  for (unsigned bcm : {17u, 18u, 27u, 22u, 23u, 24u, 25u, 4u}) {
    const std::string want = "BCM pin " + std::to_string(bcm) + " ";
    const size_t pos = text.find(want, at);
    ASSERT_NE(pos, std::string::npos) << want << " in order in: " << text;
    at = pos;
  }
  EXPECT_NE(text.find("all off"), std::string::npos) << text;
}

TEST(GpioTest, InterruptedLeavesEveryPinOff) {
  const std::string csv = testing::TempPath("gpio-test-int.csv");
  auto sim = SimOutputs::Open(csv);
  ASSERT_TRUE(sim.ok());
  std::ostringstream out;
  int calls = 0;
  const absl::Status st = RunGpioTest(**sim, MakePinConfig({1, 2, 3, 4, 5, 6, 7, 8}, false), 1000,
                                      out, [&](int) { return ++calls < 3; });
  EXPECT_EQ(st.code(), absl::StatusCode::kCancelled);
  const auto rows = ReadCsv(csv);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().mask, 0u);
  EXPECT_EQ(rows[rows.size() - 2].mask, 4u) << "stopped on channel 2";
}

TEST(GpioTest, FromOptionsNeedsNoServerAndRejectsBadPins) {
  AgentOptions o;
  o.gpio = "sim:" + testing::TempPath("opts.csv");
  o.pins = "17,18,27,22,23,24,25,17";
  std::ostringstream out;
  const absl::Status st = RunGpioTestFromOptions(o, out, [](int) { return true; });
  ASSERT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("line 17 is used by both channel 0 and channel 7"), std::string::npos)
      << st.message();
  o.pins = kDefaultPins;
  o.gpio_test_ms = 5;
  EXPECT_TRUE(RunGpioTestFromOptions(o, out, [](int) { return true; }).ok());
}

}  // namespace
}  // namespace ls::agent
