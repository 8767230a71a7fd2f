// The gateway's cache in memory: which paths its rules name (also against hostile patterns),
// eviction by bytes, freshness on a hand-driven clock, refreshes from a 304 and what a write
// invalidates.
#define BOOST_TEST_MODULE unit_gateway_cache
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>

#include "gateway/path_rules.h"
#include "gateway/response_cache.h"
#include "runtime/clock.h"

namespace cib::gw {
namespace {

constexpr std::size_t kSmallCap = 1000;  // a quarter: 250 bytes
constexpr std::int64_t kTtlMs = 30'000;

CachedAnswer answer_with(const std::string& body, Headers headers = {}) {
  CachedAnswer answer;
  answer.body = body;
  answer.headers = std::move(headers);
  answer.ttl_ms = kTtlMs;
  return answer;
}

// Keys of 6 bytes ("id" and "/r/N"), so an answer of this body takes exactly 246 bytes.
CacheKey small_key(int n) {
  return {"id", "/r/" + std::to_string(n), ""};
}
const std::string kBody240(240, 'b');

}  // namespace

BOOST_AUTO_TEST_SUITE(path_rules)

BOOST_AUTO_TEST_CASE(a_star_stays_within_one_segment) {
  BOOST_TEST(
      PathRules::matches("/repositories/*/*/pullrequests*", "/repositories/ws/repo/pullrequests"));
  BOOST_TEST(PathRules::matches("/repositories/*/*/pullrequests*",
                                "/repositories/ws/repo/pullrequests_open"));
  BOOST_TEST(!PathRules::matches("/repositories/*/*/pullrequests*",
                                 "/repositories/ws/repo/pullrequests/7"));
  BOOST_TEST(
      !PathRules::matches("/repositories/*/pullrequests", "/repositories/ws/repo/pullrequests"));
  BOOST_TEST(PathRules::matches("/a/*/c", "/a//c"));  // an empty run is a run
}

BOOST_AUTO_TEST_CASE(a_double_star_crosses_segments) {
  BOOST_TEST(PathRules::matches("/repositories/**", "/repositories/ws/repo/pullrequests/7"));
  BOOST_TEST(PathRules::matches("/repositories/**/comments", "/repositories/ws/pr/7/comments"));
  BOOST_TEST(!PathRules::matches("/repositories/**/comments", "/repositories/ws/pr/7/commentsx"));
  BOOST_TEST(PathRules::matches("**", "/anything/at/all"));
  BOOST_TEST(PathRules::matches("/a/**/*.json", "/a/b/c/d.json"));
  BOOST_TEST(!PathRules::matches("/a/**/*.json", "/a/b/c/d.json/e"));
}

BOOST_AUTO_TEST_CASE(other_characters_are_literal) {
  BOOST_TEST(PathRules::matches("/user", "/user"));
  BOOST_TEST(!PathRules::matches("/user", "/users"));
  BOOST_TEST(!PathRules::matches("/user", "/use"));
  BOOST_TEST(!PathRules::matches("/a.c", "/abc"));  // no regular expressions
  BOOST_TEST(PathRules::matches("", ""));
  BOOST_TEST(!PathRules::matches("", "/"));
}

BOOST_AUTO_TEST_CASE(the_first_rule_that_matches_wins) {
  const PathRules rules({{"/a/*", 10}, {"/a/**", 20}, {"/a/b", 30}});
  BOOST_TEST(rules.ttl_ms("/a/b") == 10'000);
  BOOST_TEST(rules.ttl_ms("/a/b/c") == 20'000);
  BOOST_TEST(rules.ttl_ms("/b") == -1);
  BOOST_TEST(rules.ttl_ms("/a/b?page=2") == 10'000);  // a query never decides
  BOOST_TEST(PathRules({}).ttl_ms("/a") == -1);
}

BOOST_AUTO_TEST_CASE(hostile_patterns_stay_fast) {
  std::string stars;
  std::string double_stars;
  for (int i = 0; i < 40; ++i) {
    stars += "*a";
    double_stars += "**a";
  }
  const std::string path(50'000, 'a');  // one segment, never followed by the final 'b'
  const auto started = std::chrono::steady_clock::now();
  BOOST_TEST(!PathRules::matches(stars + "*b", path));
  BOOST_TEST(!PathRules::matches(double_stars + "**b", path + "/" + path));
  BOOST_TEST(PathRules::matches(stars + "*", path));
  const auto took = std::chrono::steady_clock::now() - started;
  // Backtracking would take longer than the universe; a linear walk a few ms.
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(took).count() < 2000);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(response_cache_in_memory)

BOOST_AUTO_TEST_CASE(an_answer_is_found_only_under_its_own_key) {
  ManualClock clock;
  ResponseCache cache(kSmallCap, "", clock);
  const CacheKey key{"acct1", "/repositories/ws?page=2", "application/json"};
  cache.store(key, answer_with("page two"));
  BOOST_TEST(cache.find(key)->body == "page two");
  BOOST_TEST(!cache.find({"acct2", key.target, key.accept}));  // another account's
  BOOST_TEST(!cache.find({key.identity, "/repositories/ws?page=3", key.accept}));
  BOOST_TEST(!cache.find({key.identity, key.target, "text/html"}));
  BOOST_TEST(cache.counts().entries == 1);
}

BOOST_AUTO_TEST_CASE(the_least_recently_used_leave_first_by_bytes) {
  ManualClock clock;
  ResponseCache cache(kSmallCap, "", clock);
  for (int n = 1; n <= 4; ++n) cache.store(small_key(n), answer_with(kBody240));
  BOOST_TEST(cache.counts().bytes == 4 * 246);
  BOOST_TEST(cache.find(small_key(1)).has_value());  // 2 is now the least recently used
  cache.store(small_key(5), answer_with(kBody240));
  const CacheCounts counts = cache.counts();
  BOOST_TEST(counts.entries == 4);
  BOOST_TEST(counts.bytes == 4 * 246);
  BOOST_TEST(counts.evictions == 1);
  BOOST_TEST(!cache.find(small_key(2)));
  for (int n : {1, 3, 4, 5}) BOOST_TEST(cache.find(small_key(n)).has_value(), "answer " << n);
}

BOOST_AUTO_TEST_CASE(an_answer_over_a_quarter_of_the_cap_is_not_kept) {
  ManualClock clock;
  ResponseCache cache(kSmallCap, "", clock);
  cache.store(small_key(1), answer_with(kBody240));
  cache.store(small_key(1), answer_with(std::string(245, 'x')));  // 251 bytes: too large
  // The newer answer replaces the kept one even so: the old one is outdated.
  BOOST_TEST(!cache.find(small_key(1)));
  BOOST_TEST(cache.counts().entries == 0);
  BOOST_TEST(cache.counts().bytes == 0);
}

BOOST_AUTO_TEST_CASE(no_store_answers_are_not_kept_and_cookies_never_are) {
  ManualClock clock;
  ResponseCache cache(kSmallCap, "", clock);
  cache.store(small_key(1), answer_with("x", {{"cache-control", "private, No-Store"}}));
  BOOST_TEST(!cache.find(small_key(1)));
  cache.store(small_key(2), answer_with("x", {{"Set-Cookie", "session=abc"}, {"X-Kept", "1"}}));
  const auto kept = cache.find(small_key(2));
  BOOST_REQUIRE(kept);
  BOOST_TEST(kept->headers.size() == 1u);
  BOOST_TEST(kept->headers.front().first == "X-Kept");
}

BOOST_AUTO_TEST_CASE(an_answer_is_fresh_for_its_ttl) {
  ManualClock clock;
  ResponseCache cache(kSmallCap, "", clock);
  cache.store(small_key(1), answer_with("x"));
  const std::int64_t stored_ms = clock.wall_ns() / 1'000'000;
  BOOST_TEST(cache.find(small_key(1))->fetched_ms == stored_ms);
  clock.advance(std::chrono::milliseconds(kTtlMs - 1));
  std::int64_t now_ms = clock.wall_ns() / 1'000'000;
  BOOST_TEST(cache.find(small_key(1))->fresh(now_ms));
  clock.advance(std::chrono::milliseconds(1));
  now_ms = clock.wall_ns() / 1'000'000;
  const auto stale = cache.find(small_key(1));
  BOOST_TEST(!stale->fresh(now_ms));
  BOOST_TEST(stale->age_ms(now_ms) == kTtlMs);
}

BOOST_AUTO_TEST_CASE(a_ttl_of_zero_keeps_an_answer_only_to_revalidate_it) {
  ManualClock clock;
  ResponseCache cache(kSmallCap, "", clock);
  CachedAnswer answer = answer_with("x");
  answer.ttl_ms = 0;
  cache.store(small_key(1), answer);
  BOOST_TEST(!cache.find(small_key(1))->fresh(clock.wall_ns() / 1'000'000));
}

BOOST_AUTO_TEST_CASE(a_304_makes_the_answer_fresh_with_its_headers) {
  ManualClock clock;
  ResponseCache cache(kSmallCap, "", clock);
  cache.store(small_key(1), answer_with("body", {{"ETag", "\"v1\""},
                                                 {"Cache-Control", "max-age=1"},
                                                 {"X-Request-Count", "7"}}));
  BOOST_TEST(cache.find(small_key(1))->etag == "\"v1\"");
  clock.advance(std::chrono::milliseconds(kTtlMs * 2));
  const std::int64_t now_ms = clock.wall_ns() / 1'000'000;
  BOOST_TEST(!cache.find(small_key(1))->fresh(now_ms));

  const auto refreshed = cache.refresh(
      small_key(1), {{"etag", "\"v2\""}, {"Cache-Control", "max-age=60"}, {"X-Other", "no"}});
  BOOST_REQUIRE(refreshed);
  BOOST_TEST(refreshed->fresh(now_ms));
  BOOST_TEST(refreshed->etag == "\"v2\"");
  BOOST_TEST(refreshed->body == "body");
  const auto kept = cache.find(small_key(1));
  BOOST_TEST(kept->fetched_ms == now_ms);
  BOOST_TEST(kept->etag == "\"v2\"");
  int etags = 0;
  bool other_taken = false;
  for (const auto& [name, value] : kept->headers) {
    if (name == "ETag" || name == "etag") ++etags;
    if (name == "Cache-Control") BOOST_TEST(value == "max-age=60");
    if (name == "X-Request-Count") BOOST_TEST(value == "7");
    if (name == "X-Other") other_taken = true;
  }
  BOOST_TEST(etags == 1);
  BOOST_TEST(!other_taken);  // only the validators and freshness headers come from a 304
  BOOST_TEST(!cache.refresh(small_key(9), {{"ETag", "\"v3\""}}));
}

BOOST_AUTO_TEST_CASE(a_write_drops_its_path_what_lies_below_and_above_for_its_identity) {
  ManualClock clock;
  ResponseCache cache(64 * 1024, "", clock);
  const std::string written = "/repositories/ws/repo/pullrequests/7/comments";
  const char* dropped[] = {"/repositories/ws/repo/pullrequests",
                           "/repositories/ws/repo/pullrequests?state=OPEN&page=2",
                           "/repositories/ws/repo",
                           "/repositories/ws/repo/pullrequests/7/comments",
                           "/repositories/ws/repo/pullrequests/7/comments/",
                           "/repositories/ws/repo/pullrequests/7/comments/1"};
  const char* kept[] = {
      "/repositories/ws/repo/pullrequests/77", "/repositories/ws/repo/pullrequests/7/commentsx",
      "/repositories/ws/other/pullrequests", "/repositories/ws/repo/pullrequests/8/comments"};
  for (const char* target : dropped) cache.store({"acct1", target, ""}, answer_with("x"));
  for (const char* target : kept) cache.store({"acct1", target, ""}, answer_with("x"));
  cache.store({"acct2", written, ""}, answer_with("x"));
  cache.store({"acct2", "/repositories/ws/repo/pullrequests", ""}, answer_with("x"));

  BOOST_TEST(cache.invalidate("acct1", written) == 6);
  for (const char* target : dropped) BOOST_TEST(!cache.find({"acct1", target, ""}), target);
  for (const char* target : kept) BOOST_TEST(cache.find({"acct1", target, ""}).has_value(), target);
  BOOST_TEST(cache.find({"acct2", written, ""}).has_value());
  BOOST_TEST(cache.find({"acct2", "/repositories/ws/repo/pullrequests", ""}).has_value());
  const CacheCounts counts = cache.counts();
  BOOST_TEST(counts.invalidations == 6);
  BOOST_TEST(counts.entries == 6);
  BOOST_TEST(cache.invalidate("acct3", written) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::gw
