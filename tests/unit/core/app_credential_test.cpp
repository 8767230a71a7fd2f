// A GitHub App's credential: the installation token it obtains, when it obtains a new one, and
// what a failed exchange means to the dispatcher.
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "../auth/rsa_test_key.h"
#include "core/credential.h"
#include "core/delivery_failure.h"
#include "providers/provider.h"
#include "temp_dir.h"

namespace cib {
namespace {

using std::chrono::seconds;

std::string expires_in(const Clock& clock, std::int64_t seconds_left) {
  // ISO 8601 in UTC, as GitHub writes it.
  const std::time_t at = static_cast<std::time_t>(clock.wall_ns() / 1'000'000'000 + seconds_left);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&at));
  return text;
}

// An App credential over a ManualClock whose exchanges answer `status` with a token named
// ghs_N (N counting the exchanges) that lives `lifetime_s`.
struct AppFixture {
  test::TempDir dir;
  ManualClock clock;
  int exchanges = 0;
  int status = 201;
  std::int64_t lifetime_s = 3600;
  Settings settings = app_settings();

  Settings app_settings() {
    std::ofstream(dir.file("app.pem")) << test::rsa_test_key().pkcs8_pem;
    Settings s;
    s.host_kind = HostKind::github;
    s.api_url = "https://api.github.com";
    s.auth_type = AuthType::github_app;
    s.app_id = 4242;
    s.installation_id = 77;
    s.private_key_file = dir.file("app.pem");
    return s;
  }

  Credential credential() {
    return Credential(settings, clock, [this](const HttpRequest&) {
      ++exchanges;
      HttpResponse response;
      response.status = status;
      response.body = status != 201
                          ? "{\"message\":\"Bad credentials\"}"
                          : "{\"token\":\"ghs_" + std::to_string(exchanges) +
                                "\",\"expires_at\":\"" + expires_in(clock, lifetime_s) + "\"}";
      return response;
    });
  }
};

HostError host_error(Credential& credential) {
  try {
    credential.header();
  } catch (const HostError& e) {
    return e;
  }
  BOOST_ERROR("no HostError");
  return HostError(0, "");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_credential)

BOOST_AUTO_TEST_CASE(the_installation_token_is_obtained_on_first_use_and_kept) {
  AppFixture f;
  Credential credential = f.credential();
  BOOST_TEST(f.exchanges == 0);  // nothing is sent before a request needs it
  BOOST_TEST(credential.header() == "Bearer ghs_1");
  BOOST_TEST(credential.header() == "Bearer ghs_1");
  BOOST_TEST(f.exchanges == 1);
  std::vector<std::string> secrets;
  credential.add_secrets(secrets);
  BOOST_TEST(secrets == std::vector<std::string>{"ghs_1"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_token_with_less_than_five_minutes_left_is_renewed) {
  AppFixture f;
  Credential credential = f.credential();
  BOOST_TEST(credential.header() == "Bearer ghs_1");
  f.clock.advance(seconds(3600 - 300));
  BOOST_TEST(credential.header() == "Bearer ghs_1");
  f.clock.advance(seconds(1));
  BOOST_TEST(credential.header() == "Bearer ghs_2");
  BOOST_TEST(f.exchanges == 2);
}

BOOST_AUTO_TEST_CASE(a_reload_after_a_401_obtains_a_new_token_and_rereads_the_key) {
  AppFixture f;
  Credential credential = f.credential();
  BOOST_TEST(credential.header() == "Bearer ghs_1");
  std::ofstream(f.dir.file("app.pem"), std::ios::trunc) << "rotated to garbage";
  BOOST_TEST(credential.reload());
  const HostError unreadable = host_error(credential);
  BOOST_TEST(unreadable.http_status() == 401);
  BOOST_TEST(std::string(unreadable.what())
                     .find("host.auth.private_key_file \"" + f.dir.file("app.pem") +
                           "\": holds no PEM") == 0u,
             unreadable.what());
  std::ofstream(f.dir.file("app.pem"), std::ios::trunc) << test::rsa_test_key().pkcs1_pem;
  BOOST_TEST(credential.header() == "Bearer ghs_2");
}

// A refusal (the App's id, key or installation wrong) makes the client wait and reload; any
// other failure (5xx, a secondary limit, a suspended installation) is retried. Neither loses
// the post.
BOOST_AUTO_TEST_CASE(a_failed_exchange_keeps_the_post_and_says_what_is_wrong) {
  using Kind = DeliveryResult::Kind;
  struct Case {
    int answered;
    int http_status;
    Kind kind;
  };
  for (const Case c : {Case{404, 401, Kind::unauthorized}, Case{401, 401, Kind::unauthorized},
                       Case{502, 502, Kind::retry}, Case{403, 403, Kind::retry}}) {
    BOOST_TEST_CONTEXT("exchange answered " << c.answered) {
      AppFixture f;
      f.status = c.answered;
      Credential credential = f.credential();
      const HostError error = host_error(credential);
      BOOST_TEST(error.http_status() == c.http_status);
      const bool refused = c.kind == Kind::unauthorized;
      BOOST_TEST((std::string(error.what()).find("the App's id, key or installation is wrong") ==
                  (refused ? 0u : std::string::npos)),
                 error.what());
      BOOST_TEST((classify_failure(std::make_exception_ptr(error)).kind == c.kind));
      f.status = 201;
      if (refused) BOOST_TEST(credential.reload());
      BOOST_TEST(credential.header() == "Bearer ghs_2");
    }
  }
}

BOOST_AUTO_TEST_CASE(the_identity_is_the_installation_on_its_host) {
  AppFixture f;
  const std::string identity = f.credential().identity();
  f.settings.private_key_file = f.dir.file("other.pem");  // a rotated key: the same account
  BOOST_TEST(f.credential().identity() == identity);
  f.settings.installation_id = 78;
  BOOST_TEST(f.credential().identity() != identity);
  f.settings.installation_id = 77;
  f.settings.api_url = "https://ghe.corp.example/api/v3";
  BOOST_TEST(f.credential().identity() != identity);
  BOOST_TEST(account_identity(f.settings) == f.credential().identity());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
