// Once-only start-up of the libraries cibatch builds on (OpenSSL, Poco's SSL layer).
#pragma once

namespace cib {

// Starts OpenSSL and Poco's SSL support on the first call; later calls return at once. Nothing
// is ever torn down: OpenSSL is started with OPENSSL_INIT_NO_ATEXIT because its atexit cleanup
// (and Poco's singletons) crash a dispatcher thread that still runs while the process exits.
// Any thread. Throws std::runtime_error when OpenSSL cannot start (then the next call retries).
void ensure_library_started();

}  // namespace cib
