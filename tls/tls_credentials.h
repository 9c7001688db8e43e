#pragma once
/// gRPC credentials from PEM files given on the command line. Every file is
/// read and checked up front (readable, really a PEM certificate or key, the
/// key matching its certificate, the certificate not expired) so a mistake
/// fails at start with the flag and the file named, not at the first
/// handshake. No TLS file given → plaintext (insecure credentials).
/// Thread-safety: pure functions; thread-safe.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace ls::tls {

/// lightshow-server: --tls-cert, --tls-key, --tls-client-ca (empty = not given).
struct ServerTlsFiles {
  std::string cert;       ///< server certificate chain (PEM)
  std::string key;        ///< its private key (PEM)
  std::string client_ca;  ///< given → mutual TLS: client certificates required and verified
};

/// lsctl and lightshow-agent: --ca, --cert, --key (empty = not given).
struct ClientTlsFiles {
  std::string ca;    ///< CA that signed the server's certificate; given → TLS
  std::string cert;  ///< client certificate for mutual TLS
  std::string key;   ///< its private key
};

bool Enabled(const ServerTlsFiles& files);
bool Enabled(const ClientTlsFiles& files);

/// SSL server credentials, or insecure ones when no file is given.
/// INVALID_ARGUMENT / NOT_FOUND / PERMISSION_DENIED naming the flag and file.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const ServerTlsFiles& files);

/// SSL channel credentials, or insecure ones when no file is given.
/// Errors name the flag and file, as above.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(
    const ClientTlsFiles& files);

}  // namespace ls::tls
