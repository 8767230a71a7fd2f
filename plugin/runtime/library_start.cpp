#include "runtime/library_start.h"

#include <openssl/ssl.h>

#include <cstdint>
#include <mutex>
#include <stdexcept>

#include "Poco/Net/NetSSL.h"
#include "runtime/fork_gate.h"

namespace cib {
namespace {

void start_once() {
  install_fork_handlers();
  const std::uint64_t options =
      OPENSSL_INIT_NO_ATEXIT | OPENSSL_INIT_LOAD_SSL_STRINGS | OPENSSL_INIT_LOAD_CRYPTO_STRINGS;
  if (OPENSSL_init_ssl(options, nullptr) != 1) {
    throw std::runtime_error("cannot start OpenSSL (OPENSSL_init_ssl failed)");
  }
  Poco::Net::initializeSSL();
}

}  // namespace

void ensure_library_started() {
  static std::once_flag started;
  std::call_once(started, start_once);
}

}  // namespace cib
