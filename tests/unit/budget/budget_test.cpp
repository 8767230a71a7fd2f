// A client's Budget over a memory store and a hand-driven clock: who it counts, what it learns
// from each host's answers, and how long a 429 pauses the identity.
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "budget/budget.h"
#include "budget/memory_budget_store.h"

namespace cib {
namespace {

Settings bitbucket(std::int64_t limit = 40, std::int64_t window_s = 20, std::int64_t reserve = 4) {
  Settings s;
  s.host_kind = HostKind::bitbucket_cloud;
  s.api_url = "https://api.bitbucket.org/2.0";
  s.auth_token = "secret-token-value";
  s.budget_limit = limit;
  s.budget_window_s = window_s;
  s.budget_reserve = reserve;
  return s;
}

struct Fixture {
  explicit Fixture(const Settings& s)
      : store(std::make_shared<MemoryBudgetStore>(clock)), budget(s, store, clock) {}
  int take_all(Priority priority) {
    int granted = 0;
    while (budget.take({priority, true, false}).granted) ++granted;
    return granted;
  }
  int take_all_of(int most, Priority priority) {
    int granted = 0;
    while (granted < most && budget.take({priority, true, false}).granted) ++granted;
    return granted;
  }
  std::int64_t used() {
    const std::string json = budget.json();
    const auto at = json.find("\"used\":");
    return std::stoll(json.substr(at + 7));
  }
  ManualClock clock;
  std::shared_ptr<MemoryBudgetStore> store;
  Budget budget;
};

HttpResponse answer(int status, Headers headers = {}) {
  HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  return response;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(budget)

BOOST_AUTO_TEST_CASE(identity_names_the_account_never_the_secret) {
  Settings s = bitbucket();
  const std::string by_token = budget_identity(s);
  BOOST_TEST(by_token.find("secret-token-value") == std::string::npos);
  BOOST_TEST(by_token.find("token:") != std::string::npos);
  s.auth_type = AuthType::basic;
  s.auth_user = "ci-bot";
  s.auth_password = "app-password";
  BOOST_TEST(budget_identity(s) == "https://api.bitbucket.org/2.0 user:ci-bot");
  s.budget_account = "shared-ci";
  BOOST_TEST(budget_identity(s) == "https://api.bitbucket.org/2.0 account:shared-ci");
}

BOOST_AUTO_TEST_CASE(requests_are_classified_as_writes_and_note_creations) {
  HttpRequest get{"GET", "/repositories/a/b/pullrequests/1/comments?page=2", {}, "", "", true, 1};
  HttpRequest note{"POST", "/projects/1/merge_requests/2/notes", {}, "", "", false, 1};
  HttpRequest put{"PUT", "/repositories/a/b/commit/c/reports/r", {}, "", "", true, 1};
  BOOST_TEST(!classify_request(Priority::comment, get).write);
  BOOST_TEST(classify_request(Priority::comment, note).note_create);
  BOOST_TEST(classify_request(Priority::bulk, put).write);
  BOOST_TEST(!classify_request(Priority::bulk, put).note_create);
}

BOOST_AUTO_TEST_CASE(gating_requests_fill_the_window_less_the_reserve_and_progress_stops_sooner) {
  Fixture progress(bitbucket());
  BOOST_TEST(progress.take_all(Priority::progress) == 30);
  BOOST_TEST(progress.take_all(Priority::gating) == 6);
  BOOST_TEST(progress.used() == 36);
  progress.clock.advance(Duration(20000 + 250 + 1));
  BOOST_TEST(progress.take_all(Priority::gating) == 36);
}

BOOST_AUTO_TEST_CASE(bitbucket_near_limit_counts_at_least_four_fifths_of_the_window_as_used) {
  Fixture f(bitbucket(100, 3600, 10));
  f.budget.take({Priority::gating, true, false});
  f.budget.observe(answer(201, {{"X-RateLimit-Limit", "100"}, {"X-RateLimit-NearLimit", "true"}}));
  BOOST_TEST(f.used() == 80);
  // Said again, it adds nothing: the log already holds what the host implied.
  f.budget.observe(answer(201, {{"X-RateLimit-NearLimit", "true"}}));
  BOOST_TEST(f.used() == 80);
}

BOOST_AUTO_TEST_CASE(a_learned_lower_limit_lowers_the_default_one) {
  Settings s = bitbucket(-1, -1, -1);
  Fixture f(s);
  f.budget.observe(answer(200, {{"X-RateLimit-Limit", "500"}}));
  BOOST_TEST(f.budget.json().find("\"limit\":500") != std::string::npos);
}

// A host configured unlike its vendor's default: X-RateLimit-Limit lowers the limit, but no
// answer says the window, so the client spends while the host lets it and waits as it says.
BOOST_AUTO_TEST_CASE(a_learned_limit_on_an_assumed_window_imposes_no_wait_of_its_own) {
  Fixture f(bitbucket(-1, -1, -1));
  f.budget.observe(answer(201, {{"X-RateLimit-Limit", "20"}}));
  BOOST_TEST(f.take_all_of(100, Priority::gating) == 100);
  BOOST_TEST(f.take_all_of(100, Priority::progress) == 100);
}

BOOST_AUTO_TEST_CASE(a_learned_limit_on_an_assumed_window_pauses_only_as_the_host_says) {
  Fixture f(bitbucket(-1, -1, -1));
  f.budget.observe(answer(201, {{"X-RateLimit-Limit", "20"}}));
  f.take_all_of(20, Priority::gating);
  f.clock.advance(Duration(2000));
  // Without Retry-After an assumed window justifies no wait: the caller backs off instead.
  BOOST_TEST(!f.budget.observe(answer(429, {{"X-RateLimit-Limit", "20"}})).has_value());
  const auto pause =
      f.budget.observe(answer(429, {{"X-RateLimit-Limit", "20"}, {"Retry-After", "4"}}));
  BOOST_REQUIRE(pause.has_value());
  BOOST_TEST(*pause == 4000);
  BOOST_TEST(!f.budget.take({Priority::gating, true, false}).granted);
  f.clock.advance(Duration(4000));
  BOOST_TEST(f.budget.take({Priority::gating, true, false}).granted);
}

BOOST_AUTO_TEST_CASE(the_window_is_learned_from_the_hosts_reset) {
  Settings s = bitbucket(-1, -1, -1);
  s.host_kind = HostKind::gitlab;
  s.api_url = "https://gitlab.example";
  Fixture f(s);
  const std::int64_t now_s = f.clock.wall_ns() / 1'000'000'000;
  f.budget.observe(answer(200, {{"RateLimit-Limit", "100"},
                                {"RateLimit-Remaining", "100"},
                                {"RateLimit-Reset", std::to_string(now_s + 30)}}));
  const std::string json = f.budget.json();
  BOOST_TEST(json.find("\"window_s\":30") != std::string::npos);
  BOOST_TEST(json.find("\"window_assumed\":false") != std::string::npos);
  BOOST_TEST(f.take_all(Priority::gating) == 90);
  BOOST_TEST(f.budget.learned_notice().empty());
}

BOOST_AUTO_TEST_CASE(an_assumed_window_is_said_once_naming_the_setting) {
  Fixture f(bitbucket(-1, -1, -1));
  f.budget.observe(answer(201));
  BOOST_TEST(f.budget.learned_notice().empty());
  f.budget.observe(answer(201, {{"X-RateLimit-Limit", "1000"}}));  // the vendor's own
  BOOST_TEST(f.budget.learned_notice().empty());
  f.budget.observe(answer(201, {{"X-RateLimit-Limit", "20"}}));
  const std::string notice = f.budget.learned_notice();
  BOOST_TEST(notice.find("20") != std::string::npos);
  BOOST_TEST(notice.find("budget.window_s") != std::string::npos);
  BOOST_TEST(f.budget.json().find("\"window_assumed\":true") != std::string::npos);
  f.budget.observe(answer(201, {{"X-RateLimit-Limit", "20"}}));
  BOOST_TEST(f.budget.learned_notice().empty());
}

BOOST_AUTO_TEST_CASE(a_configured_window_makes_a_learned_limit_count) {
  Fixture f(bitbucket(-1, 20, -1));
  f.budget.observe(answer(201, {{"X-RateLimit-Limit", "20"}}));
  BOOST_TEST(f.take_all(Priority::gating) == 18);
  BOOST_TEST(f.budget.learned_notice().empty());
}

BOOST_AUTO_TEST_CASE(github_remaining_becomes_external_use_that_ages_out_at_the_reset) {
  Settings s = bitbucket(5000, 3600, 0);
  s.host_kind = HostKind::github;
  s.api_url = "https://api.github.com";
  Fixture f(s);
  const std::int64_t now_s = f.clock.wall_ns() / 1'000'000'000;
  f.budget.observe(answer(200, {{"x-ratelimit-limit", "5000"},
                                {"x-ratelimit-remaining", "4000"},
                                {"x-ratelimit-reset", std::to_string(now_s + 600)}}));
  BOOST_TEST(f.used() == 1000);
  f.clock.advance(Duration(600 * 1000 + 1000));
  BOOST_TEST(f.used() == 0);
}

BOOST_AUTO_TEST_CASE(a_429_with_retry_after_pauses_every_take_of_the_identity) {
  Fixture f(bitbucket());
  const auto pause = f.budget.observe(answer(429, {{"Retry-After", "7"}}));
  BOOST_REQUIRE(pause.has_value());
  BOOST_TEST(*pause == 7000);
  const Ticket refused = f.budget.take({Priority::gating, true, false});
  BOOST_TEST(!refused.granted);
  BOOST_TEST(refused.blocked_by == "pause");
  f.clock.advance(Duration(7000));
  BOOST_TEST(f.budget.take({Priority::gating, true, false}).granted);
}

BOOST_AUTO_TEST_CASE(a_429_without_retry_after_waits_until_the_oldest_request_ages_out) {
  Fixture f(bitbucket());
  f.budget.take({Priority::gating, true, false});
  f.clock.advance(Duration(5000));
  f.budget.take({Priority::gating, true, false});
  const auto pause = f.budget.observe(answer(429));
  BOOST_REQUIRE(pause.has_value());
  // The first request leaves the 20 s window (and its 250 ms margin) 15.25 s from now.
  BOOST_TEST(*pause == 15250);
}

BOOST_AUTO_TEST_CASE(a_429_with_nothing_logged_leaves_the_wait_to_the_back_off) {
  Fixture f(bitbucket());
  BOOST_TEST(!f.budget.observe(answer(429)).has_value());
}

BOOST_AUTO_TEST_CASE(github_secondary_limit_without_retry_after_waits_a_minute_then_backs_off) {
  Settings s = bitbucket(5000, 3600, 0);
  s.host_kind = HostKind::github;
  Fixture f(s);
  const HttpResponse secondary =
      answer(403, {{"Content-Type", "application/json"}});
  HttpResponse body = secondary;
  body.body = R"({"message":"You have exceeded a secondary rate limit."})";
  BOOST_TEST(f.budget.observe(body).value_or(0) == 60000);
  BOOST_TEST(f.budget.observe(body).value_or(0) == 120000);
  f.budget.observe(answer(201));
  BOOST_TEST(f.budget.observe(body).value_or(0) == 60000);
}

BOOST_AUTO_TEST_CASE(bitbucket_dc_bucket_headers_teach_no_rolling_use) {
  Settings s = bitbucket(100, 3600, 0);
  s.host_kind = HostKind::bitbucket_dc;
  Fixture f(s);
  f.budget.observe(answer(200, {{"X-RateLimit-Limit", "60"}, {"X-RateLimit-Remaining", "1"}}));
  BOOST_TEST(f.used() == 0);
}

BOOST_AUTO_TEST_CASE(budget_json_says_what_is_used_by_priority_and_when_the_next_may_go) {
  Fixture f(bitbucket(10, 20, 0));
  for (int i = 0; i < 10; ++i) f.budget.take({Priority::gating, true, false});
  const std::string json = f.budget.json();
  BOOST_TEST(json.find("\"used\":10") != std::string::npos);
  BOOST_TEST(json.find("\"remaining\":0") != std::string::npos);
  BOOST_TEST(json.find("\"gating\":10") != std::string::npos);
  BOOST_TEST(json.find("\"next_free_ms\":20250") != std::string::npos);
  BOOST_TEST(json.find("secret-token-value") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(no_limit_means_no_waiting_and_no_store_use) {
  Fixture f(bitbucket(0, 20, 0));
  BOOST_TEST(!f.budget.limited());
  for (int i = 0; i < 1000; ++i) BOOST_TEST_REQUIRE(f.budget.take({Priority::progress, true, false}).granted);
  BOOST_TEST(f.store->identities().empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
