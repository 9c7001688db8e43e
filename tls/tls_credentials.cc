#include "tls/tls_credentials.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"

namespace ls::tls {
namespace {

struct BioFree { void operator()(BIO* b) const { BIO_free(b); } };
struct X509Free { void operator()(X509* x) const { X509_free(x); } };
struct KeyFree { void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); } };
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;

constexpr size_t kMaxPemBytes = 1 << 20;  // a certificate chain is a few KiB

// One PEM file as the user named it: errors start "--tls-key /etc/x.key: ...".
struct Pem {
  const char* flag;
  std::string path;
  std::string text;
  std::string Where() const { return absl::StrCat(flag, " ", path, ": "); }
};

absl::StatusOr<Pem> ReadPem(const char* flag, const std::string& path) {
  Pem pem{flag, path, ""};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    const std::string msg = absl::StrCat(pem.Where(), "cannot read: ", std::strerror(err));
    return err == EACCES ? absl::PermissionDeniedError(msg) : absl::NotFoundError(msg);
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat(pem.Where(), "read error"));
  pem.text = buf.str();
  if (pem.text.empty()) return absl::InvalidArgumentError(absl::StrCat(pem.Where(), "the file is empty"));
  if (pem.text.size() > kMaxPemBytes) {
    return absl::InvalidArgumentError(absl::StrCat(pem.Where(), "too large for a PEM file"));
  }
  return pem;
}

BioPtr Bio(const Pem& pem) {
  return BioPtr(BIO_new_mem_buf(pem.text.data(), static_cast<int>(pem.text.size())));
}

// Every certificate in the file (a chain or a CA bundle); at least one.
absl::StatusOr<std::vector<X509Ptr>> ParseCerts(const Pem& pem) {
  std::vector<X509Ptr> certs;
  BioPtr bio = Bio(pem);
  while (X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) certs.emplace_back(x);
  ERR_clear_error();  // the read that ends the loop leaves "no start line" behind
  if (certs.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(pem.Where(), "no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)"));
  }
  for (const auto& c : certs) {
    if (X509_cmp_current_time(X509_get0_notAfter(c.get())) < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(pem.Where(), "a certificate in it has expired (make new ones: scripts/make-certs)"));
    }
    if (X509_cmp_current_time(X509_get0_notBefore(c.get())) > 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(pem.Where(), "a certificate in it is not valid yet (is the clock right?)"));
    }
  }
  return certs;
}

absl::StatusOr<KeyPtr> ParseKey(const Pem& pem) {
  BioPtr bio = Bio(pem);
  // No passphrase callback may prompt on a terminal: an encrypted key simply fails.
  auto no_pass = [](char*, int, int, void*) { return 0; };
  KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, no_pass, nullptr));
  ERR_clear_error();
  if (!key) {
    return absl::InvalidArgumentError(
        absl::StrCat(pem.Where(), "no unencrypted PEM private key in it (expected -----BEGIN PRIVATE KEY-----)"));
  }
  return key;
}

// A certificate and its key: both parse and the key is the certificate's.
absl::Status CheckPair(const Pem& cert_pem, const Pem& key_pem) {
  auto certs = ParseCerts(cert_pem);
  if (!certs.ok()) return certs.status();
  auto key = ParseKey(key_pem);
  if (!key.ok()) return key.status();
  if (X509_check_private_key(certs->front().get(), key->get()) != 1) {
    ERR_clear_error();
    return absl::InvalidArgumentError(absl::StrCat(key_pem.flag, " ", key_pem.path, " does not match the certificate in ",
                                                   cert_pem.flag, " ", cert_pem.path));
  }
  return absl::OkStatus();
}

absl::Status NeedsBoth(const char* a, const std::string& va, const char* b, const std::string& vb) {
  if (va.empty() != vb.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(va.empty() ? a : b, " is required with ", va.empty() ? b : a));
  }
  return absl::OkStatus();
}

// A certificate and its private key, both readable and matching.
absl::StatusOr<std::pair<Pem, Pem>> ReadKeyPair(const char* cert_flag, const std::string& cert_path,
                                                const char* key_flag, const std::string& key_path) {
  auto cert = ReadPem(cert_flag, cert_path);
  if (!cert.ok()) return cert.status();
  auto key = ReadPem(key_flag, key_path);
  if (!key.ok()) return key.status();
  if (auto st = CheckPair(*cert, *key); !st.ok()) return st;
  return std::make_pair(*std::move(cert), *std::move(key));
}

// A CA bundle that holds at least one parseable certificate.
absl::StatusOr<Pem> ReadCa(const char* flag, const std::string& path) {
  auto ca = ReadPem(flag, path);
  if (!ca.ok()) return ca.status();
  if (auto certs = ParseCerts(*ca); !certs.ok()) return certs.status();
  return ca;
}

}  // namespace

bool Enabled(const ServerTlsFiles& f) { return !f.cert.empty() || !f.key.empty() || !f.client_ca.empty(); }
bool Enabled(const ClientTlsFiles& f) { return !f.ca.empty() || !f.cert.empty() || !f.key.empty(); }

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(const ServerTlsFiles& f) {
  if (!Enabled(f)) return grpc::InsecureServerCredentials();
  if (auto st = NeedsBoth("--tls-cert", f.cert, "--tls-key", f.key); !st.ok()) return st;
  if (f.cert.empty()) {
    return absl::InvalidArgumentError("--tls-client-ca needs --tls-cert and --tls-key (mutual TLS is TLS plus client certificates)");
  }
  auto pair = ReadKeyPair("--tls-cert", f.cert, "--tls-key", f.key);
  if (!pair.ok()) return pair.status();

  grpc::SslServerCredentialsOptions opts;
  opts.pem_key_cert_pairs.push_back({pair->second.text, pair->first.text});
  if (!f.client_ca.empty()) {
    auto ca = ReadCa("--tls-client-ca", f.client_ca);
    if (!ca.ok()) return ca.status();
    opts.pem_root_certs = ca->text;
    opts.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(opts);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(const ClientTlsFiles& f) {
  if (!Enabled(f)) return grpc::InsecureChannelCredentials();
  if (auto st = NeedsBoth("--cert", f.cert, "--key", f.key); !st.ok()) return st;
  if (f.ca.empty()) {
    return absl::InvalidArgumentError("--cert and --key need --ca (the CA that signed the server's certificate)");
  }
  auto ca = ReadCa("--ca", f.ca);
  if (!ca.ok()) return ca.status();
  grpc::SslCredentialsOptions opts;
  opts.pem_root_certs = ca->text;
  if (!f.cert.empty()) {
    auto pair = ReadKeyPair("--cert", f.cert, "--key", f.key);
    if (!pair.ok()) return pair.status();
    opts.pem_cert_chain = pair->first.text;
    opts.pem_private_key = pair->second.text;
  }
  return grpc::SslCredentials(opts);
}

}  // namespace ls::tls
