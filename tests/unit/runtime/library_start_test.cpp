#include "runtime/library_start.h"

#include <openssl/ssl.h>

#include <boost/test/unit_test.hpp>
#include <cstddef>
#include <exception>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "Poco/Net/Context.h"

namespace cib {
namespace {

// Calls ensure_library_started on `count` threads that all wait for one go signal, so the
// calls overlap; returns how many of them threw.
int start_concurrently(std::size_t count) {
  std::promise<void> go;
  const std::shared_future<void> go_signal = go.get_future().share();
  std::vector<std::future<bool>> threw;
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < count; ++i) {
    std::promise<bool> outcome;
    threw.push_back(outcome.get_future());
    threads.emplace_back([go_signal, outcome = std::move(outcome)]() mutable {
      go_signal.wait();
      try {
        ensure_library_started();
        outcome.set_value(false);
      } catch (...) {
        outcome.set_value(true);
      }
    });
  }
  go.set_value();
  for (std::thread& thread : threads) thread.join();
  int failures = 0;
  for (std::future<bool>& f : threw) failures += f.get() ? 1 : 0;
  return failures;
}

// A TLS client context works only once OpenSSL and Poco's SSL layer are up.
bool tls_client_context_can_be_made() {
  SSL_CTX* raw = SSL_CTX_new(TLS_client_method());
  const bool openssl_ok = raw != nullptr;
  SSL_CTX_free(raw);
  const Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, Poco::Net::Context::Params());
  return openssl_ok && !context.isNull();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(library_start)

// Declared first: in a whole run, nothing in this executable has started the libraries yet, so
// these calls race for the one start-up.
BOOST_AUTO_TEST_CASE(concurrent_first_calls_all_succeed) {
  BOOST_TEST(start_concurrently(16) == 0);
  BOOST_TEST(tls_client_context_can_be_made());
}

BOOST_AUTO_TEST_CASE(repeated_calls_return_without_error) {
  for (int i = 0; i < 100; ++i) BOOST_REQUIRE_NO_THROW(ensure_library_started());
  BOOST_TEST(tls_client_context_can_be_made());
}

BOOST_AUTO_TEST_CASE(concurrent_later_calls_all_succeed) {
  ensure_library_started();
  BOOST_TEST(start_concurrently(16) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
