// A metrics port that is already taken: lightshow-server must say so clearly
// at start-up and exit non-zero (not run without metrics).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

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

}  // namespace
}  // namespace ls::it
