#include "transport/tls_context.h"

#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <stdexcept>

#include "Poco/Exception.h"
#include "runtime/library_start.h"

namespace cib {
namespace {

bool is_ip_address(const std::string& host) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

void require_readable(const std::string& ca_file) {
  std::ifstream in(ca_file);
  if (!in) {
    throw std::invalid_argument("tls.ca_file: cannot read \"" + ca_file +
                                "\": give a readable PEM file of CA certificates");
  }
}

// Makes OpenSSL's chain verification also require that the certificate names peer_host, so a
// mismatch fails the handshake like any other verification error.
void require_peer_name(Poco::Net::Context& context, const std::string& peer_host) {
  X509_VERIFY_PARAM* param = SSL_CTX_get0_param(context.sslContext());
  int ok = 0;
  if (is_ip_address(peer_host)) {
    ok = X509_VERIFY_PARAM_set1_ip_asc(param, peer_host.c_str());
  } else {
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    ok = X509_VERIFY_PARAM_set1_host(param, peer_host.c_str(), peer_host.size());
  }
  if (ok != 1) {
    throw std::invalid_argument("cannot set up TLS name verification for " + peer_host);
  }
}

// The SSL_CTX slot that points to the context's TlsVerifyFailure; allocated once per process.
int failure_slot() {
  static const int slot = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return slot;
}

// Replaces Poco's callback, which would ask the process-wide SSLManager (and whatever handler the
// host application installed there) whether to accept a certificate that failed verification.
int record_verify_failure(int preverify_ok, X509_STORE_CTX* store) noexcept {
  if (preverify_ok == 1) return 1;
  const auto* ssl = static_cast<const SSL*>(
      X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  if (ssl == nullptr) return 0;
  auto* failure =
      static_cast<TlsVerifyFailure*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), failure_slot()));
  if (failure != nullptr && failure->reason.empty()) {
    try {
      failure->reason = X509_verify_cert_error_string(X509_STORE_CTX_get_error(store));
    } catch (...) {
      // Out of memory: the handshake still fails, only the reason is missing.
    }
  }
  return 0;
}

void refuse_unverified(Poco::Net::Context& context, TlsVerifyFailure& failure) {
  SSL_CTX* ssl_context = context.sslContext();
  if (failure_slot() < 0 || SSL_CTX_set_ex_data(ssl_context, failure_slot(), &failure) != 1) {
    throw std::invalid_argument("cannot set up TLS certificate verification");
  }
  SSL_CTX_set_verify(ssl_context, SSL_VERIFY_PEER, record_verify_failure);
}

}  // namespace

TlsContext make_client_tls_context(bool verify, const std::string& ca_file,
                                   const std::string& peer_host) {
  ensure_library_started();
  Poco::Net::Context::Params params;
  params.verificationMode =
      verify ? Poco::Net::Context::VERIFY_STRICT : Poco::Net::Context::VERIFY_NONE;
  params.loadDefaultCAs = verify;
  if (verify && !ca_file.empty()) {
    require_readable(ca_file);
    params.caLocation = ca_file;
  }
  Poco::Net::Context::Ptr context;
  try {
    context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
  } catch (const Poco::Exception& e) {
    throw std::invalid_argument("tls.ca_file: \"" + ca_file +
                                "\" holds no usable CA certificate (" + e.message() + ")");
  }
  context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
  auto failure = std::make_shared<TlsVerifyFailure>();
  if (verify) {
    require_peer_name(*context, peer_host);
    refuse_unverified(*context, *failure);
  }
  return {context, failure};
}

}  // namespace cib
