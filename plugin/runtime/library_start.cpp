#include "runtime/library_start.h"

#include <openssl/ssl.h>

#include <cstdint>
#include <mutex>
#include <stdexcept>

#include "Poco/Net/NetSSL.h"
#include "Poco/Net/RejectCertificateHandler.h"
#include "Poco/Net/SSLManager.h"

namespace cib {
namespace {

void start_once() {
  const std::uint64_t options = OPENSSL_INIT_NO_ATEXIT | OPENSSL_INIT_LOAD_SSL_STRINGS |
                                OPENSSL_INIT_LOAD_CRYPTO_STRINGS;
  if (OPENSSL_init_ssl(options, nullptr) != 1) {
    throw std::runtime_error("cannot start OpenSSL (OPENSSL_init_ssl failed)");
  }
  Poco::Net::initializeSSL();
  // Poco asks its SSLManager what to do with a certificate that failed verification; without a
  // handler it would look for a Poco::Util::Application configuration (there is none in a
  // library) or prompt on the console. Rejecting is the only safe answer. Every connection uses
  // its own explicit Context, so no default context is installed here.
  Poco::Net::SSLManager::InvalidCertificateHandlerPtr reject(
      new Poco::Net::RejectCertificateHandler(false));
  Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, nullptr);
}

}  // namespace

void ensure_library_started() {
  static std::once_flag started;
  std::call_once(started, start_once);
}

}  // namespace cib
