// lsctl preview end to end in a real browser: headless Chromium (Debian's
// `chromium`, installed by scripts/deps --test) opens the page from file://,
// seeks the audio to several times and reports the lamps, which must equal
// the stored show's masks there. A screenshot is kept as a test artifact.
#include <cmath>
#include <filesystem>
#include <sstream>

#include "cluster.h"
#include "gtest/gtest.h"
#include "harness.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

int64_t JsonInt(const nlohmann::json& j) {
  return j.is_string() ? std::stoll(j.get<std::string>()) : j.get<int64_t>();
}

std::string Chromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (fs::exists(p)) return p;
  }
  return "";
}

RunResult Browse(const std::string& profile, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {Chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                                   "--disable-background-networking", "--disable-component-update",
                                   "--disable-sync", "--no-first-run", "--mute-audio",
                                   "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv, 60s);
}

TEST(Preview, LampsInHeadlessChromiumEqualTheStoredMasks) {
  ASSERT_FALSE(Chromium().empty()) << "chromium missing: run scripts/deps --test";
  Cluster c;
  std::string wav = c.dir().File("tune.wav");
  WriteTune(wav, 6.0);
  auto sub = c.LsctlJson({"submit", wav});
  const std::string id = sub["songs"][0]["id"].get<std::string>();
  auto song = c.LsctlJson({"song", id});
  const double period = JsonInt(song["show"]["frame_period_ns"]) * 1e-9;
  const std::string masks = ReadAll(c.data_dir() + "/blobs/shows/" + song["show"]["id"].get<std::string>());

  std::string html = c.dir().File("show.html");
  auto j = c.LsctlJson({"preview", id.substr(0, 8), "-o", html, "--colors", "red,#0f0,blue"});
  EXPECT_GT(j["audio_bytes"].get<size_t>(), 10'000u);
  const std::string page = ReadAll(html);
  EXPECT_EQ(page.find("http://"), std::string::npos) << "the page must not reach the network";
  EXPECT_EQ(page.find("https://"), std::string::npos) << "the page must not reach the network";
  EXPECT_NE(page.find("data:audio/ogg;base64,"), std::string::npos);
  // The page carries the song's beats and sections from its music analysis.
  const auto analysis = c.LsctlJson({"song", id})["analysis"];
  const bool has_beats = !analysis["beats_s"].empty();
  EXPECT_EQ(page.find("\"beats\":[]") == std::string::npos, has_beats) << analysis.dump();
  if (has_beats) {
    const double first = analysis["beats_s"][0].get<double>();
    EXPECT_NE(page.find("\"beats\":[" + nlohmann::json(first).dump()), std::string::npos) << first;
  }
  EXPECT_NE(page.find("\"sections\":["), std::string::npos);

  // Mid-frame times (never on a frame boundary), where the show has lamps lit and dark.
  std::vector<double> times;
  for (size_t f : {10u, 61u, 122u, 180u, 230u}) {
    if (f < masks.size()) times.push_back(std::round((f + 0.5) * period * 1000) / 1000);  // whole ms
  }
  std::ostringstream probe;
  probe.setf(std::ios::fixed);
  probe.precision(3);
  for (size_t i = 0; i < times.size(); ++i) probe << (i ? "," : "") << times[i];
  const std::string url = "file://" + html + "#probe=" + probe.str();
  auto dom = Browse(c.dir().File("profile1"), {"--virtual-time-budget=15000", "--dump-dom", url});
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  ASSERT_NE(dom.out.find("data-probe=\"done\""), std::string::npos) << dom.out.substr(0, 2000) << dom.err;
  int checked = 0;
  for (double t : times) {
    char key[32];
    std::snprintf(key, sizeof key, "t=%.3f cur=", t);
    size_t at = dom.out.find(key);
    ASSERT_NE(at, std::string::npos) << key << " not in " << dom.out.substr(dom.out.find("probe"), 600);
    const std::string line = dom.out.substr(at, dom.out.find('\n', at) - at);
    const double cur = std::stod(line.substr(line.find("cur=") + 4));
    EXPECT_NEAR(cur, t, 0.002) << "the audio did not seek: " << line;
    const std::string lamps = line.substr(line.find("lamps=") + 6, 8);
    std::string want;
    const uint8_t m = static_cast<uint8_t>(masks[static_cast<size_t>(std::floor(cur / period))]);
    for (int ch = 0; ch < 8; ++ch) want += ((m >> ch) & 1) ? '1' : '0';
    EXPECT_EQ(lamps, want) << line;
    ++checked;
  }
  EXPECT_GE(checked, 4);

  // The screenshot, kept beside the test binary for a person to look at.
  fs::create_directories(LS_ARTIFACT_DIR);
  const std::string png = std::string(LS_ARTIFACT_DIR) + "/preview.png";
  fs::remove(png);
  auto shot = Browse(c.dir().File("profile2"), {"--window-size=1100,520", "--virtual-time-budget=5000",
                                                "--screenshot=" + png, "file://" + html + "#t=" + std::to_string(times[1])});
  EXPECT_EQ(shot.exit_code, 0) << shot.err;
  ASSERT_TRUE(fs::exists(png)) << shot.err;
  EXPECT_GT(fs::file_size(png), 5000u);
}

TEST(Preview, MissingBlobAndBadInputAreClearErrors) {
  Cluster c;
  std::string wav = c.dir().File("tune.wav");
  WriteTune(wav, 3.0);
  const std::string id = c.LsctlJson({"submit", wav})["songs"][0]["id"].get<std::string>();
  auto colors = c.Lsctl({"preview", id, "-o", c.dir().File("a.html"), "--colors", "red,not a colour"});
  EXPECT_NE(colors.exit_code, 0);
  EXPECT_NE(colors.err.find("lamp 1 colour 'not a colour'"), std::string::npos) << colors.err;
  auto dir = c.Lsctl({"preview", id, "-o", c.dir().File("nodir/a.html")});
  EXPECT_NE(dir.exit_code, 0);
  EXPECT_NE(dir.err.find("does not exist"), std::string::npos) << dir.err;
  fs::remove(c.data_dir() + "/blobs/songs/" + id);
  auto gone = c.Lsctl({"preview", id, "-o", c.dir().File("a.html")});
  EXPECT_NE(gone.exit_code, 0);
  EXPECT_NE(gone.err.find("FAILED_PRECONDITION"), std::string::npos) << gone.err;
  EXPECT_NE(gone.err.find("has no stored audio"), std::string::npos) << gone.err;
  EXPECT_FALSE(fs::exists(c.dir().File("a.html")));
}

}  // namespace
}  // namespace ls::it
