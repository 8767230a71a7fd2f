// A host or proxy that quotes the request's Authorization header back in its error answer never
// puts the secret into a delivery report or a log line: the token, the basic password and the
// base64 of user:password are redacted, and only a short, escaped excerpt of the answer is kept.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "client_fixture.h"
#include "recording_client.h"

namespace cib::test {
namespace {

const std::string kToken = "tok-Zq81vLx0pW3mN5bC7dE9";
const std::string kUser = "ci-bot";
const std::string kPassword = "pw-Hr4tYu8iOp2aSd6f";
// base64("ci-bot:pw-Hr4tYu8iOp2aSd6f"), as in the Authorization header of basic authentication
const std::string kBasic = "Y2ktYm90OnB3LUhyNHRZdThpT3AyYVNkNmY=";

std::string basic_yaml(const ForgeSim& sim) {
  std::string yaml = client_yaml(sim);
  const std::string bearer = "auth: { type: bearer, token: \"integration-token\" }";
  yaml.replace(yaml.find(bearer), bearer.size(),
               "auth: { type: basic, user: " + kUser + ", password: \"" + kPassword + "\" }");
  return yaml;
}

// Every place the library's words reach the caller: reports and log lines.
std::vector<std::string> everything_said(RecordingClient& session) {
  std::vector<std::string> said = session.log_lines();
  for (const Delivery& d : session.deliveries()) said.push_back(d.message);
  return said;
}

void check_no_secret(RecordingClient& session, const std::vector<std::string>& secrets) {
  for (const std::string& line : everything_said(session)) {
    for (const std::string& secret : secrets) {
      BOOST_TEST_CONTEXT("secret #" << (&secret - secrets.data())) {
        // Printing the line would print the secret: say only that it leaked.
        BOOST_TEST(line.find(secret) == std::string::npos);
      }
    }
    BOOST_TEST(line.find('\r') == std::string::npos);
  }
}

// Posts one status the host answers with `fault` and returns its failed delivery's message.
std::string failed_message(RecordingClient& session) {
  session.status(kRepo, kCommit, "build", CIB_STATE_SUCCESSFUL);
  session.flush(0, 20000);
  const std::vector<Delivery> deliveries = session.deliveries();
  BOOST_REQUIRE_EQUAL(deliveries.size(), 1u);
  BOOST_TEST(deliveries[0].outcome == CIB_OUTCOME_FAILED);
  BOOST_TEST(deliveries[0].http_status == 400);
  return deliveries[0].message;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_redaction)

BOOST_AUTO_TEST_CASE(a_token_echoed_in_error_json_is_redacted) {
  ForgeSimOptions options;
  options.faults = "echo-auth@1";
  ForgeSim sim(options);
  RecordingClient session(client_yaml(sim, "", kToken));
  const std::string message = failed_message(session);
  BOOST_TEST(message.find("Bad request; you sent Authorization: Bearer [redacted]") !=
             std::string::npos);
  check_no_secret(session, {kToken});
}

BOOST_AUTO_TEST_CASE(a_token_echoed_in_a_text_answer_is_redacted_and_escaped) {
  ForgeSimOptions options;
  options.faults = "echo-auth-text@1";
  ForgeSim sim(options);
  RecordingClient session(client_yaml(sim, "", kToken));
  const std::string message = failed_message(session);
  BOOST_TEST(message.find("400 Bad Request\\r\\nBad request; you sent Authorization: Bearer "
                          "[redacted]\\r\\n") != std::string::npos);
  check_no_secret(session, {kToken});
}

BOOST_AUTO_TEST_CASE(a_basic_password_and_its_base64_are_redacted) {
  for (const std::string fault : {"echo-auth@1", "echo-auth-text@1"}) {
    BOOST_TEST_CONTEXT(fault) {
      ForgeSimOptions options;
      options.faults = fault;
      ForgeSim sim(options);
      RecordingClient session(basic_yaml(sim));
      const std::string message = failed_message(session);
      BOOST_TEST(message.find("Authorization: Basic [redacted]") != std::string::npos);
      check_no_secret(session, {kPassword, kBasic, kBasic.substr(0, kBasic.size() - 1)});
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
