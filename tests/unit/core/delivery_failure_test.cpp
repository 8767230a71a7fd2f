#include "core/delivery_failure.h"

#include <boost/test/unit_test.hpp>
#include <stdexcept>

namespace cib {

BOOST_AUTO_TEST_SUITE(delivery_failure)

BOOST_AUTO_TEST_CASE(server_errors_and_dropped_connections_are_retried) {
  const auto from = [](auto error) {
    return classify_failure(std::make_exception_ptr(error)).kind;
  };
  BOOST_TEST((from(HostError(503, "busy")) == DeliveryResult::Kind::retry));
  BOOST_TEST((from(TransportError(TransportError::Kind::ambiguous, "reset")) ==
              DeliveryResult::Kind::retry));
  BOOST_TEST((from(TransportError(TransportError::Kind::connect, "refused")) ==
              DeliveryResult::Kind::retry));
}

// GitLab's 409 "another update in progress" passes: retried after a backoff no shorter than
// the provider's hint, though a 409 alone would fail.
BOOST_AUTO_TEST_CASE(a_transient_refusal_is_retried_with_its_hint) {
  const DeliveryResult r =
      classify_failure(std::make_exception_ptr(HostError(409, "in progress", 1000, true)));
  BOOST_TEST((r.kind == DeliveryResult::Kind::retry));
  BOOST_TEST(r.retry_after_ms == 1000);
  BOOST_TEST((classify_failure(std::make_exception_ptr(HostError(409, "conflict"))).kind ==
              DeliveryResult::Kind::failed));
}

BOOST_AUTO_TEST_CASE(rate_limit_pauses_with_the_hosts_advice) {
  const DeliveryResult r = classify_failure(std::make_exception_ptr(HostError(429, "slow", 3000)));
  BOOST_TEST((r.kind == DeliveryResult::Kind::paused));
  BOOST_TEST(r.retry_after_ms == 3000);
}

BOOST_AUTO_TEST_CASE(client_errors_are_not_retried) {
  const auto from = [](auto error) {
    return classify_failure(std::make_exception_ptr(error)).kind;
  };
  BOOST_TEST((from(HostError(400, "bad")) == DeliveryResult::Kind::failed));
  BOOST_TEST((from(HostError(403, "no")) == DeliveryResult::Kind::failed));
}

// A refused certificate or handshake is this side's: the update waits, with the cause logged.
BOOST_AUTO_TEST_CASE(tls_failures_are_retried_with_their_message) {
  const DeliveryResult r = classify_failure(
      std::make_exception_ptr(TransportError(TransportError::Kind::tls, "cert refused")));
  BOOST_TEST((r.kind == DeliveryResult::Kind::retry));
  BOOST_TEST(r.message == "cert refused");
}

// A slot the provider cannot turn into a request (a commit that is no hash, say) fails at once
// and says why, without calling it an internal error.
BOOST_AUTO_TEST_CASE(a_slot_the_provider_refuses_fails_and_says_why) {
  const DeliveryResult r = classify_failure(
      std::make_exception_ptr(std::invalid_argument("commit \"3f2c\" is not a commit hash")));
  BOOST_TEST((r.kind == DeliveryResult::Kind::failed));
  BOOST_TEST(r.message == "cannot be sent: commit \"3f2c\" is not a commit hash");
}

BOOST_AUTO_TEST_CASE(the_hosts_message_is_kept_for_the_delivery_report) {
  const DeliveryResult r =
      classify_failure(std::make_exception_ptr(HostError(400, "state: not a valid choice")));
  BOOST_TEST(r.message == "state: not a valid choice");
  BOOST_TEST(r.http_status == 400);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
