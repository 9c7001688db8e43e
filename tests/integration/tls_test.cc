// TLS end to end with the real binaries and certificates made at test time by
// scripts/make-certs (Debian's openssl): a song plays over TLS to a sim agent,
// mutual TLS refuses clients without a certificate (or with one from another
// CA) and plaintext clients, bearer tokens are still checked over TLS, and bad
// certificate files stop each program at start with the flag and file named.
#include <algorithm>
#include <stdexcept>

#include "gtest/gtest.h"
#include "cluster.h"
#include "stream_rig.h"

namespace ls::it {
namespace {

using namespace std::chrono_literals;

// One CA with a server certificate and client certificates "agent" and "laptop".
struct Certs {
  explicit Certs(TempDir& dir, const std::string& sub) : path(dir.File(sub)) {
    auto r = ::ls::it::Run({std::string(LS_SOURCE_DIR) + "/scripts/make-certs", path, "--client", "agent", "--client",
                  "laptop"},
                 60s);
    if (r.exit_code != 0) throw std::runtime_error("make-certs failed: " + r.out + r.err);
  }
  std::string F(const std::string& name) const { return path + "/" + name; }
  std::string path;
};

std::vector<std::string> Cat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Polls `lsctl agents` (with the given TLS flags) until `id` is connected.
bool WaitAgent(StreamRig& rig, const std::vector<std::string>& tls, const std::string& id) {
  return WaitFor(
      [&] {
        auto r = rig.Lsctl(Cat({"--json", "agents"}, tls), 10);
        return r.exit_code == 0 && AgentConnected(r.out, id);
      },
      20s);
}

TEST(Tls, SongPlaysOverTlsToSimAgentAndTokensStillCount) {
  TempDir tmp;
  Certs certs(tmp, "certs");
  StreamRig rig({"--tls-cert", certs.F("server.crt"), "--tls-key", certs.F("server.key")});
  const std::vector<std::string> tls = {"--ca", certs.F("ca.crt")};
  rig.StartAgent("porch", tls, /*wait=*/false);
  ASSERT_TRUE(WaitAgent(rig, tls, "porch")) << rig.AgentLog("porch");

  const std::string wav = rig.dir().File("tune.wav");
  WriteTune(wav, 4.0);
  auto sub = rig.LsctlJson(Cat({"submit", wav}, tls));
  ASSERT_EQ(sub["songs"].size(), 1u) << sub.dump();
  const auto song = sub["songs"][0];
  const int frames = song["frame_count"].get<int>();
  auto play = rig.Lsctl(Cat({"play", song["id"].get<std::string>(), "--lead-ms", "500", "--no-audio", "--wait"}, tls),
                        60);
  ASSERT_EQ(play.exit_code, 0) << play.out << play.err;

  const std::string masks = rig.ShowMasks(song["show_id"].get<std::string>());
  ASSERT_EQ(static_cast<int>(masks.size()), frames);
  std::vector<SimRow> applied;
  ASSERT_TRUE(WaitFor(
      [&] {
        applied.clear();
        auto rows = ReadSim(rig.SimPath("porch"));
        for (const auto& r : rows) {
          if (r.frame >= 0) applied.push_back(r);
        }
        return ShowEnded(rows, frames);
      },
      15s))
      << rig.AgentLog("porch");
  ExpectEveryFrameAccounted(rig, "porch", applied, frames, tls);
  for (const auto& r : applied) EXPECT_EQ(r.mask, static_cast<uint8_t>(masks.at(r.frame))) << "frame " << r.frame;

  // A plaintext client cannot talk to a TLS server; the catalog is untouched.
  auto plain = rig.Lsctl({"songs"}, 20);
  EXPECT_NE(plain.exit_code, 0);
  EXPECT_NE(plain.err.find("UNAVAILABLE"), std::string::npos) << plain.err;
  EXPECT_NE(plain.err.find("--ca"), std::string::npos) << "the error hints at TLS: " << plain.err;
  // TLS does not replace the bearer token.
  const std::string bad_token = rig.dir().File("bad.token");
  WriteAll(bad_token, "0123456789abcdef0123456789abcdef\n");
  auto wrong = RunLsctl(rig.address(), bad_token, Cat({"songs"}, tls), 20);
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_NE(wrong.err.find("UNAUTHENTICATED"), std::string::npos) << wrong.err;
  auto songs = rig.LsctlJson(Cat({"songs"}, tls));
  EXPECT_EQ(songs["songs"].size(), 1u) << songs.dump();
}

TEST(Tls, MutualTlsRefusesClientsWithoutAValidCertificateAndPlaintext) {
  TempDir tmp;
  Certs certs(tmp, "certs");
  Certs other(tmp, "other");  // a second CA: its client certificates are strangers
  StreamRig rig({"--tls-cert", certs.F("server.crt"), "--tls-key", certs.F("server.key"), "--tls-client-ca",
                 certs.F("ca.crt")});
  const std::vector<std::string> ok = {"--ca", certs.F("ca.crt"), "--cert", certs.F("laptop.crt"), "--key",
                                       certs.F("laptop.key")};
  auto good = rig.Lsctl(Cat({"--json", "songs"}, ok), 20);
  EXPECT_EQ(good.exit_code, 0) << good.err;

  auto no_cert = rig.Lsctl({"songs", "--ca", certs.F("ca.crt")}, 20);
  EXPECT_NE(no_cert.exit_code, 0);
  EXPECT_NE(no_cert.err.find("UNAVAILABLE"), std::string::npos) << no_cert.err;
  auto stranger = rig.Lsctl({"songs", "--ca", certs.F("ca.crt"), "--cert", other.F("laptop.crt"), "--key",
                             other.F("laptop.key")},
                            20);
  EXPECT_NE(stranger.exit_code, 0);
  EXPECT_NE(stranger.err.find("UNAVAILABLE"), std::string::npos) << stranger.err;
  auto plain = rig.Lsctl({"songs"}, 20);
  EXPECT_NE(plain.exit_code, 0);
  EXPECT_NE(plain.err.find("UNAVAILABLE"), std::string::npos) << plain.err;

  // An agent with its own certificate connects; one without stays out.
  rig.StartAgent("porch", {"--ca", certs.F("ca.crt"), "--cert", certs.F("agent.crt"), "--key", certs.F("agent.key")},
                 /*wait=*/false);
  rig.StartAgent("nocert", {"--ca", certs.F("ca.crt")}, /*wait=*/false);
  ASSERT_TRUE(WaitAgent(rig, ok, "porch")) << rig.AgentLog("porch");
  auto agents = nlohmann::json::parse(rig.Lsctl(Cat({"--json", "agents"}, ok), 10).out, nullptr, false);
  ASSERT_FALSE(agents.is_discarded());
  for (const auto& a : agents["agents"]) EXPECT_NE(a.value("id", ""), "nocert") << agents.dump();
  EXPECT_TRUE(rig.agent("nocert").Running()) << "an agent keeps retrying rather than dying";
}

TEST(Tls, BadCertificateFilesFailAtStartNamingFlagAndFile) {
  TempDir tmp;
  Certs certs(tmp, "certs");
  const std::string missing = tmp.File("no-such.crt");
  const auto server = [&](const std::vector<std::string>& flags) {
    return ::ls::it::Run(Cat({Bin("lightshow-server"), "--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0",
                    "--data-dir", tmp.File("data")},
                   flags),
               20s);
  };
  struct Case {
    std::vector<std::string> flags;
    std::vector<std::string> want;  // each must appear in stderr
  };
  const std::vector<Case> cases = {
      {{"--tls-cert", missing, "--tls-key", certs.F("server.key")}, {"--tls-cert", missing, "cannot read"}},
      {{"--tls-cert", certs.F("server.crt"), "--tls-key", certs.F("laptop.key")},
       {"--tls-key", certs.F("laptop.key"), "does not match", certs.F("server.crt")}},
      {{"--tls-cert", certs.F("server.key"), "--tls-key", certs.F("server.key")},
       {"--tls-cert", certs.F("server.key"), "no PEM certificate"}},
      {{"--tls-cert", certs.F("server.crt")}, {"--tls-key is required with --tls-cert"}},
      {{"--tls-cert", certs.F("server.crt"), "--tls-key", certs.F("server.key"), "--tls-client-ca", missing},
       {"--tls-client-ca", missing}},
  };
  for (const auto& c : cases) {
    auto r = server(c.flags);
    EXPECT_NE(r.exit_code, 0) << r.out;
    EXPECT_EQ(r.out.find("listening on"), std::string::npos) << r.out;
    for (const auto& w : c.want) EXPECT_NE(r.err.find(w), std::string::npos) << "want '" << w << "' in: " << r.err;
  }
  // Nothing was served, so nothing was created either.
  EXPECT_TRUE(ReadAll(tmp.File("data/token")).empty());

  // lsctl and the agent name their flags too (the agent also from its config file).
  const std::string token = tmp.File("token");
  WriteAll(token, "0123456789abcdef0123456789abcdef\n");
  auto cli = ::ls::it::Run({Bin("lsctl"), "--server", "127.0.0.1:1", "--token-file", token, "--ca", missing, "songs"},
                 20s);
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_NE(cli.err.find("--ca " + missing), std::string::npos) << cli.err;
  auto cli_key = ::ls::it::Run({Bin("lsctl"), "--server", "127.0.0.1:1", "--token-file", token, "--ca",
                      certs.F("ca.crt"), "--cert", certs.F("laptop.crt"), "--key", certs.F("agent.key"), "songs"},
                     20s);
  EXPECT_NE(cli_key.exit_code, 0);
  EXPECT_NE(cli_key.err.find("does not match"), std::string::npos) << cli_key.err;

  const std::vector<std::string> agent = {Bin("lightshow-agent"), "--server", "127.0.0.1:1", "--token-file", token,
                                          "--id", "porch", "--gpio", "sim:" + tmp.File("porch.csv")};
  auto a = ::ls::it::Run(Cat(agent, {"--ca", missing}), 20s);
  EXPECT_NE(a.exit_code, 0);
  EXPECT_NE(a.err.find("--ca " + missing), std::string::npos) << a.err;
  auto a_cert = ::ls::it::Run(Cat(agent, {"--ca", certs.F("ca.crt"), "--cert", certs.F("agent.crt")}), 20s);
  EXPECT_NE(a_cert.exit_code, 0);
  EXPECT_NE(a_cert.err.find("--key is required with --cert"), std::string::npos) << a_cert.err;
  const std::string conf = tmp.File("agent.conf");
  WriteAll(conf, "ca = " + missing + "\n");
  auto a_conf = ::ls::it::Run(Cat(agent, {"--config", conf}), 20s);
  EXPECT_NE(a_conf.exit_code, 0);
  EXPECT_NE(a_conf.err.find("--ca " + missing), std::string::npos) << a_conf.err;
}

}  // namespace
}  // namespace ls::it
