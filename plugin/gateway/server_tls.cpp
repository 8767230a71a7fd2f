// Loading the front's certificate and key into a Poco TLS context, with messages that name the
// file at fault and without OpenSSL's terminal passphrase prompt.
#include "gateway/server_tls.h"

#include <Poco/Net/Utility.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace cib::gw {
namespace {

// OpenSSL's passphrase callback: no passphrase, so an encrypted key fails to load instead of
// prompting on the terminal of a service.
int no_passphrase(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*userdata*/) {
  return 0;
}

void require_readable(const std::string& file, const std::string& what) {
  std::ifstream stream(file);
  if (!stream) {
    throw std::runtime_error("cibatch gateway: cannot read the TLS " + what + " file " + file +
                             ": " + std::strerror(errno));
  }
}

Poco::Net::Context::Ptr bare_context() {
  Poco::Net::Context::Params params;
  params.verificationMode = Poco::Net::Context::VERIFY_NONE;  // tools are not asked for one
  params.loadDefaultCAs = false;
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, params);
  context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
  SSL_CTX_set_default_passwd_cb(context->sslContext(), &no_passphrase);
  SSL_CTX_set_default_passwd_cb_userdata(context->sslContext(), nullptr);
  return context;
}

}  // namespace

Poco::Net::Context::Ptr make_server_context(const std::string& cert_file,
                                            const std::string& key_file) {
  require_readable(cert_file, "certificate");
  require_readable(key_file, "key");
  Poco::Net::Context::Ptr context = bare_context();
  SSL_CTX* ssl = context->sslContext();
  ERR_clear_error();
  if (SSL_CTX_use_certificate_chain_file(ssl, cert_file.c_str()) != 1) {
    throw std::runtime_error("cibatch gateway: cannot load the TLS certificate file " + cert_file +
                             ": " + Poco::Net::Utility::getLastError());
  }
  if (SSL_CTX_use_PrivateKey_file(ssl, key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    // OpenSSL also refuses here a key that does not match the certificate.
    throw std::runtime_error("cibatch gateway: cannot load the TLS key file " + key_file +
                             " for the certificate file " + cert_file +
                             " (a key protected by a passphrase is not supported): " +
                             Poco::Net::Utility::getLastError());
  }
  if (SSL_CTX_check_private_key(ssl) != 1) {
    throw std::runtime_error("cibatch gateway: the TLS key file " + key_file +
                             " does not match the certificate file " + cert_file);
  }
  return context;
}

}  // namespace cib::gw
