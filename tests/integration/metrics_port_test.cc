// A metrics port that is already taken: lightshow-server must say so clearly
// at start-up and exit non-zero (not run without metrics).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cluster.h"
#include "gtest/gtest.h"
#include "harness.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;

TEST(MetricsPort, InUseIsAClearStartupErrorAndNonZeroExit) {
  // Hold a listening socket on 127.0.0.1:0 for the whole test.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(a);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&a), len), 0);
  ASSERT_EQ(listen(fd, 1), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len), 0);
  const std::string busy = "127.0.0.1:" + std::to_string(ntohs(a.sin_port));

  TempDir dir;
  RunResult r = ls::it::Run({Bin("lightshow-server"), "--listen", "127.0.0.1:0", "--metrics-listen", busy,
                     "--data-dir", dir.File("data")},
                    20s);
  close(fd);
  EXPECT_NE(r.exit_code, 0) << "server started although " << busy << " was taken\n" << r.out;
  EXPECT_NE(r.exit_code, -1) << "server did not exit within 20 s";
  EXPECT_NE(r.err.find(busy), std::string::npos) << "stderr does not name the address: " << r.err;
  EXPECT_NE(r.err.find("in use"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("listening on"), std::string::npos) << "it must not announce a listening server: " << r.out;
}

// Server, agent and lsctl report one version (CMake's project version), and
// the server's metrics carry it as lightshow_build_info{version}.
TEST(MetricsPort, EveryBinaryReportsOneVersionAndTheMetricsCarryIt) {
  std::string version;
  for (const char* bin : {"lightshow-server", "lightshow-agent", "lsctl"}) {
    RunResult r = ls::it::Run({Bin(bin), "--version"}, 10s);
    ASSERT_EQ(r.exit_code, 0) << bin << ": " << r.err;
    const std::string out = r.out.substr(0, r.out.find_last_not_of("\n") + 1);
    ASSERT_EQ(out.rfind(std::string(bin) + " ", 0), 0u) << out;
    const std::string v = out.substr(std::string(bin).size() + 1);
    EXPECT_FALSE(v.empty());
    if (version.empty()) version = v;
    EXPECT_EQ(v, version) << bin;
  }
  Cluster c;
  auto metrics = ls::it::Run({"/usr/bin/curl", "-s", "http://" + c.metrics_address() + "/metrics"}, 10s);
  ASSERT_EQ(metrics.exit_code, 0) << metrics.err;
  EXPECT_NE(metrics.out.find("lightshow_build_info{version=\"" + version + "\"} 1"), std::string::npos)
      << metrics.out.substr(0, 3000);
}

}  // namespace
}  // namespace ls::it
