// The TLS context of one connection to one host. Private to the transport: only
// http_client.cpp and client_session.cpp see Poco types.
#pragma once

#include <memory>
#include <string>

#include "Poco/Net/Context.h"

namespace cib {

// Why the certificate check of the last handshake failed ("hostname mismatch", "unable to get
// local issuer certificate"); empty when it did not. Written during the handshake, on the
// thread that connects.
struct TlsVerifyFailure {
  std::string reason;
};

struct TlsContext {
  Poco::Net::Context::Ptr context;
  // Owned here; the context holds a plain pointer to it, so keep both together.
  std::shared_ptr<TlsVerifyFailure> failure;
};

// A client Context that, with `verify`, trusts the system's CA store plus `ca_file` (PEM, when
// not empty), refuses TLS below 1.2 and checks the certificate's chain *and* its name against
// `peer_host` (a DNS name or an IP address) inside the handshake. The name check is done by
// OpenSSL itself, also for localhost and 127.0.0.1, where Poco's own check would be skipped
// unless the mode is VERIFY_STRICT. Failures are recorded in `failure` and always refused: no
// process-wide Poco certificate handler is consulted or installed. Without `verify` nothing is
// checked (VERIFY_NONE). Throws std::invalid_argument when ca_file cannot be read or holds no
// certificate.
TlsContext make_client_tls_context(bool verify, const std::string& ca_file,
                                   const std::string& peer_host);

}  // namespace cib
