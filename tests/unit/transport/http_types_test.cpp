#include "transport/http_types.h"

#include <boost/test/unit_test.hpp>

namespace cib {
namespace {

BOOST_AUTO_TEST_SUITE(http_types)

BOOST_AUTO_TEST_CASE(header_lookup_ignores_case) {
  HttpResponse response;
  response.headers = {{"Content-Type", "application/json"}, {"X-RateLimit-NearLimit", "true"}};
  BOOST_TEST(response.header("content-type") == "application/json");
  BOOST_TEST(response.header("X-RATELIMIT-NEARLIMIT") == "true");
}

BOOST_AUTO_TEST_CASE(missing_header_is_empty) {
  HttpResponse response;
  response.headers = {{"Retry-After", "5"}};
  BOOST_TEST(response.header("Retry-After-Extra").empty());
  BOOST_TEST(response.header("Retry").empty());
}

BOOST_AUTO_TEST_CASE(only_timeout_and_ambiguous_may_have_been_applied) {
  BOOST_TEST(!TransportError(TransportError::Kind::connect, "x").maybe_applied());
  BOOST_TEST(!TransportError(TransportError::Kind::tls, "x").maybe_applied());
  BOOST_TEST(TransportError(TransportError::Kind::ambiguous, "x").maybe_applied());
  BOOST_TEST(TransportError(TransportError::Kind::timeout, "x").maybe_applied());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
