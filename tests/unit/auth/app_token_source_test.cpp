#include "auth/app_token_source.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "auth/app_jwt.h"
#include "rsa_test_key.h"

namespace cib {
namespace {

using std::chrono::seconds;

std::string iso8601(std::int64_t epoch_s) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(epoch_s),
                                         Poco::DateTimeFormat::ISO8601_FORMAT);
}

std::int64_t now_s(const Clock& clock) {
  return clock.wall_ns() / 1'000'000'000;
}

HttpResponse answer(int status, const std::string& body, Headers headers = {}) {
  HttpResponse response;
  response.status = status;
  response.body = body;
  response.headers = std::move(headers);
  return response;
}

// A token source over a ManualClock whose exchanges answer from `answers`, in turn, and are
// recorded in `sent`.
struct Fixture {
  ManualClock clock;
  std::vector<HttpRequest> sent;
  std::vector<HttpResponse> answers;
  std::string key = test::rsa_test_key().pkcs8_pem;
  AppTokenSource source{4242, 77, clock, [this] { return key; },
                        [this](const HttpRequest& request) {
                          sent.push_back(request);
                          HttpResponse next = answers.at(0);
                          answers.erase(answers.begin());
                          return next;
                        }};

  void token_for(const std::string& token, std::int64_t lifetime_s) {
    answers.push_back(answer(201, "{\"token\":\"" + token + "\",\"expires_at\":\"" +
                                      iso8601(now_s(clock) + lifetime_s) +
                                      "\",\"permissions\":{\"checks\":\"write\"}}"));
  }
};

// The message of the AppExchangeError issue() throws.
AppExchangeError exchange_error(AppTokenSource& source) {
  try {
    source.issue();
  } catch (const AppExchangeError& e) {
    return e;
  }
  BOOST_ERROR("no AppExchangeError");
  return AppExchangeError(0, "", false);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(app_token_source)

BOOST_AUTO_TEST_CASE(the_exchange_posts_the_jwt_with_github_s_headers) {
  Fixture f;
  f.token_for("ghs_first", 3600);
  BOOST_TEST(f.source.due());
  const IssuedToken issued = f.source.issue();
  BOOST_TEST(issued.token == "ghs_first");
  BOOST_TEST(issued.expires_at_s == now_s(f.clock) + 3600);
  BOOST_TEST_REQUIRE(f.sent.size() == 1u);
  const HttpRequest& request = f.sent[0];
  BOOST_TEST(request.method == "POST");
  BOOST_TEST(request.target == "/app/installations/77/access_tokens");
  BOOST_TEST(request.body.empty());
  std::string authorization;
  for (const auto& [name, value] : request.headers) {
    if (name == "Authorization") authorization = value;
    if (name == "Accept") BOOST_TEST(value == "application/vnd.github+json");
    if (name == "X-GitHub-Api-Version") BOOST_TEST(value == "2022-11-28");
  }
  BOOST_TEST(request.headers.size() == 3u);
  BOOST_TEST(authorization.rfind("Bearer eyJ", 0) == 0u);  // base64url of {"alg":...
}

BOOST_AUTO_TEST_CASE(a_token_is_due_again_when_less_than_five_minutes_remain) {
  Fixture f;
  f.token_for("ghs_first", 3600);
  f.source.issue();
  BOOST_TEST(!f.source.due());
  f.clock.advance(seconds(3600 - 300));
  BOOST_TEST(!f.source.due());  // exactly five minutes left
  f.clock.advance(seconds(1));
  BOOST_TEST(f.source.due());
  f.token_for("ghs_second", 3600);
  BOOST_TEST(f.source.issue().token == "ghs_second");
  BOOST_TEST(!f.source.due());
  BOOST_TEST(f.sent.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_refused_token_is_due_at_once) {
  Fixture f;
  f.token_for("ghs_first", 3600);
  f.source.issue();
  f.source.expire();
  BOOST_TEST(f.source.due());
}

BOOST_AUTO_TEST_CASE(an_unknown_app_or_installation_says_what_is_wrong_and_nothing_secret) {
  for (const int status : {401, 404}) {
    Fixture f;
    f.answers.push_back(answer(status, "{\"message\":\"A JSON web token could not be decoded\"}"));
    const AppExchangeError e = exchange_error(f.source);
    BOOST_TEST(e.refused());
    BOOST_TEST(e.http_status() == status);
    const std::string what = e.what();
    BOOST_TEST(what.find("the App's id, key or installation is wrong") == 0u, what);
    BOOST_TEST(what.find("POST /app/installations/77/access_tokens) answered " +
                         std::to_string(status)) != std::string::npos,
               what);
    BOOST_TEST(what.find("eyJ") == std::string::npos, what);  // no JWT
    BOOST_TEST(f.source.due());
  }
}

BOOST_AUTO_TEST_CASE(other_answers_pass_quoting_github_without_the_jwt) {
  Fixture f;
  std::string jwt_seen;
  f.answers.push_back(answer(503, ""));
  AppTokenSource source(
      4242, 77, f.clock, [&] { return f.key; },
      [&](const HttpRequest& request) {
        jwt_seen = request.headers.front().second.substr(7);
        HttpResponse r =
            answer(429, "{\"message\":\"slow down, " + jwt_seen + "\"}", {{"Retry-After", "7"}});
        return r;
      });
  const AppExchangeError e = exchange_error(source);
  BOOST_TEST(!e.refused());
  BOOST_TEST(e.http_status() == 429);
  BOOST_TEST(e.retry_after_ms() == 7000);
  const std::string what = e.what();
  BOOST_TEST(what.find(": slow down, [redacted]") != std::string::npos, what);
  BOOST_TEST_REQUIRE(jwt_seen.size() > 100u);
  BOOST_TEST((what.find(jwt_seen) == std::string::npos));
  BOOST_TEST(!exchange_error(f.source).refused());  // the 503
}

BOOST_AUTO_TEST_CASE(an_answer_without_a_usable_token_is_not_taken) {
  for (const std::string& body :
       {std::string("{\"token\":\"ghs_x\"}"), std::string("not json"),
        std::string(
            "{\"token\":\"ghs_x\\r\\nX-Injected: 1\",\"expires_at\":\"2030-01-01T00:00:00Z\"}"),
        std::string("{\"token\":\"\",\"expires_at\":\"2030-01-01T00:00:00Z\"}"),
        std::string("{\"token\":\"ghs_x\",\"expires_at\":\"soon\"}")}) {
    Fixture f;
    f.answers.push_back(answer(201, body));
    const AppExchangeError e = exchange_error(f.source);
    BOOST_TEST(!e.refused(), body);
    BOOST_TEST(f.source.due());
  }
}

BOOST_AUTO_TEST_CASE(no_answer_and_an_unusable_key_leave_the_token_due) {
  Fixture f;
  AppTokenSource dropped(
      1, 2, f.clock, [&] { return f.key; },
      [](const HttpRequest&) -> HttpResponse {
        throw TransportError(TransportError::Kind::connect, "refused");
      });
  BOOST_CHECK_THROW(dropped.issue(), TransportError);
  BOOST_TEST(dropped.due());
  f.key = "garbage";
  BOOST_CHECK_THROW(f.source.issue(), AppKeyError);
  BOOST_TEST(f.sent.empty());
  BOOST_TEST(f.source.due());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
