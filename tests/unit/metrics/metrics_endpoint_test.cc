#include "metrics/metrics_endpoint.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gtest/gtest.h"
#include "metrics/server_metrics.h"
#include "prometheus/registry.h"

namespace ls::metrics {
namespace {

// A listening TCP socket on 127.0.0.1:0; closes on destruction.
struct Listener {
  int fd = -1;
  int port = 0;
  Listener() {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(a);
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), len) != 0 || listen(fd, 1) != 0) return;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~Listener() { close(fd); }
};

// A blocking HTTP/1.0 GET on 127.0.0.1:port; returns the whole response.
std::string HttpGet(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) != 0) {
    close(fd);
    return "";
  }
  std::string req = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  if (write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) {
    close(fd);
    return "";
  }
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(fd, buf, sizeof(buf))) > 0;) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

TEST(MetricsEndpoint, PortZeroBindsAndServesTheRegistry) {
  auto reg = std::make_shared<prometheus::Registry>();
  ServerMetrics m(*reg);
  m.RecordRequest("ListSongs", "OK", 0.002);
  auto ep = MetricsEndpoint::Start("127.0.0.1:0", {reg});
  ASSERT_TRUE(ep.ok()) << ep.status();
  const std::string& addr = (*ep)->address();
  ASSERT_EQ(addr.rfind("127.0.0.1:", 0), 0u) << addr;
  int port = std::stoi(addr.substr(10));
  EXPECT_GT(port, 0);
  std::string body = HttpGet(port, "/metrics");
  EXPECT_NE(body.find(R"(lightshow_grpc_requests_total{code="OK",method="ListSongs"} 1)"), std::string::npos)
      << body;
}

TEST(MetricsEndpoint, PortInUseIsUnavailableAndNamesTheAddress) {
  Listener busy;
  ASSERT_GT(busy.port, 0);
  std::string listen = "127.0.0.1:" + std::to_string(busy.port);
  auto ep = MetricsEndpoint::Start(listen, {std::make_shared<prometheus::Registry>()});
  ASSERT_FALSE(ep.ok());
  EXPECT_EQ(ep.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(ep.status().message().find(listen), std::string::npos) << ep.status();
}

TEST(MetricsEndpoint, MalformedAddressIsInvalidArgument) {
  for (const char* bad : {"9464", ":9464", ""}) {
    auto ep = MetricsEndpoint::Start(bad, {std::make_shared<prometheus::Registry>()});
    ASSERT_FALSE(ep.ok()) << bad;
    EXPECT_EQ(ep.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

}  // namespace
}  // namespace ls::metrics
