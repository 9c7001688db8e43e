// ls::tls: which file combinations give TLS, and that every bad file is refused
// up front with its flag and path named. Keys and certificates are made in
// memory with OpenSSL (one expired, one not yet valid) and written to a temp dir.
#include "tls/tls_credentials.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "gtest/gtest.h"
#include "temp_dir.h"

namespace ls::tls {
namespace {

std::string Pem(EVP_PKEY* key, X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (key) PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  if (cert) PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

// A self-signed certificate valid from now+from_s to now+to_s.
X509* SelfSigned(EVP_PKEY* key, long from_s, long to_s) {
  X509* x = X509_new();
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), from_s);
  X509_gmtime_adj(X509_getm_notAfter(x), to_s);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("test"), -1, -1, 0);
  X509_set_issuer_name(x, name);
  X509_sign(x, key, EVP_sha256());
  return x;
}

class TlsFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    EVP_PKEY* a = EVP_EC_gen("P-256");
    EVP_PKEY* b = EVP_EC_gen("P-256");
    X509* good = SelfSigned(a, -60, 86400);
    X509* expired = SelfSigned(a, -86400, -60);
    X509* future = SelfSigned(a, 86400, 2 * 86400);
    Write("a.crt", Pem(nullptr, good));
    Write("a.key", Pem(a, nullptr));
    Write("b.key", Pem(b, nullptr));
    Write("expired.crt", Pem(nullptr, expired));
    Write("future.crt", Pem(nullptr, future));
    Write("empty", "");
    Write("junk.pem", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
    for (X509* x : {good, expired, future}) X509_free(x);
    EVP_PKEY_free(a);
    EVP_PKEY_free(b);
  }
  void Write(const std::string& name, const std::string& text) { std::ofstream(F(name)) << text; }
  std::string F(const std::string& name) const { return dir_ + "/" + name; }

  // The error of a server config; its message must hold every `want`.
  void ExpectServerError(const ServerTlsFiles& f, absl::StatusCode code, const std::vector<std::string>& want) {
    auto c = MakeServerCredentials(f);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), code) << c.status();
    for (const auto& w : want) EXPECT_NE(c.status().message().find(w), std::string::npos) << w << " in " << c.status();
  }
  void ExpectClientError(const ClientTlsFiles& f, absl::StatusCode code, const std::vector<std::string>& want) {
    auto c = MakeChannelCredentials(f);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), code) << c.status();
    for (const auto& w : want) EXPECT_NE(c.status().message().find(w), std::string::npos) << w << " in " << c.status();
  }
  testutil::TempDir tmp_{"ls-tls"};
  const std::string dir_ = tmp_.path();
};

TEST_F(TlsFiles, NothingGivenIsPlaintextAndGoodFilesGiveCredentials) {
  EXPECT_FALSE(Enabled(ServerTlsFiles{}));
  EXPECT_FALSE(Enabled(ClientTlsFiles{}));
  auto plain_server = MakeServerCredentials({});
  auto plain_client = MakeChannelCredentials({});
  ASSERT_TRUE(plain_server.ok() && plain_client.ok());
  EXPECT_NE(*plain_server, nullptr);
  EXPECT_NE(*plain_client, nullptr);
  auto tls = MakeServerCredentials({F("a.crt"), F("a.key"), ""});
  ASSERT_TRUE(tls.ok()) << tls.status();
  auto mtls = MakeServerCredentials({F("a.crt"), F("a.key"), F("a.crt")});
  ASSERT_TRUE(mtls.ok()) << mtls.status();
  auto client = MakeChannelCredentials({F("a.crt"), F("a.crt"), F("a.key")});
  ASSERT_TRUE(client.ok()) << client.status();
  EXPECT_TRUE(Enabled(ClientTlsFiles{F("a.crt"), "", ""}));
}

TEST_F(TlsFiles, ServerFilesAreCheckedWithFlagAndPathNamed) {
  using C = absl::StatusCode;
  ExpectServerError({F("missing.crt"), F("a.key"), ""}, C::kNotFound, {"--tls-cert", F("missing.crt"), "cannot read"});
  ExpectServerError({F("a.crt"), F("missing.key"), ""}, C::kNotFound, {"--tls-key", F("missing.key")});
  ExpectServerError({F("empty"), F("a.key"), ""}, C::kInvalidArgument, {"--tls-cert", F("empty"), "empty"});
  ExpectServerError({F("a.key"), F("a.key"), ""}, C::kInvalidArgument, {"--tls-cert", "no PEM certificate"});
  ExpectServerError({F("junk.pem"), F("a.key"), ""}, C::kInvalidArgument, {"--tls-cert", "no PEM certificate"});
  ExpectServerError({F("a.crt"), F("a.crt"), ""}, C::kInvalidArgument, {"--tls-key", F("a.crt"), "private key"});
  ExpectServerError({F("a.crt"), F("b.key"), ""}, C::kInvalidArgument,
                    {"--tls-key " + F("b.key"), "does not match", "--tls-cert " + F("a.crt")});
  ExpectServerError({F("expired.crt"), F("a.key"), ""}, C::kInvalidArgument, {"--tls-cert", "expired"});
  ExpectServerError({F("future.crt"), F("a.key"), ""}, C::kInvalidArgument, {"--tls-cert", "not valid yet"});
  ExpectServerError({F("a.crt"), "", ""}, C::kInvalidArgument, {"--tls-key is required with --tls-cert"});
  ExpectServerError({"", F("a.key"), ""}, C::kInvalidArgument, {"--tls-cert is required with --tls-key"});
  ExpectServerError({"", "", F("a.crt")}, C::kInvalidArgument, {"--tls-client-ca needs --tls-cert"});
  ExpectServerError({F("a.crt"), F("a.key"), F("a.key")}, C::kInvalidArgument, {"--tls-client-ca", "no PEM certificate"});
}

TEST_F(TlsFiles, ClientFilesAreCheckedWithFlagAndPathNamed) {
  using C = absl::StatusCode;
  ExpectClientError({F("missing.crt"), "", ""}, C::kNotFound, {"--ca", F("missing.crt")});
  ExpectClientError({F("a.key"), "", ""}, C::kInvalidArgument, {"--ca", "no PEM certificate"});
  ExpectClientError({"", F("a.crt"), F("a.key")}, C::kInvalidArgument, {"need --ca"});
  ExpectClientError({F("a.crt"), F("a.crt"), ""}, C::kInvalidArgument, {"--key is required with --cert"});
  ExpectClientError({F("a.crt"), F("a.crt"), F("b.key")}, C::kInvalidArgument, {"--key " + F("b.key"), "does not match"});
  ExpectClientError({F("a.crt"), F("expired.crt"), F("a.key")}, C::kInvalidArgument, {"--cert", "expired"});
}

}  // namespace
}  // namespace ls::tls
