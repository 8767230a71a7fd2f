#include "redis/redis_url.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "budget/redis_budget_store.h"
#include "redis/redis_error.h"
#include "redis_server.h"
#include "redis_store_fixture.h"

namespace cib {
namespace {

// The message of the RedisError that parsing `url` throws.
std::string refusal(const std::string& url) {
  try {
    parse_redis_url(url);
  } catch (const RedisError& e) {
    BOOST_TEST((e.kind() == RedisError::Kind::config));
    return e.what();
  }
  BOOST_FAIL("accepted " << url);
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(redis_url)

BOOST_AUTO_TEST_CASE(reads_user_password_host_port_and_database) {
  const RedisUrl url = parse_redis_url("redis://ci:p%40ss@redis.internal:6380/3");
  BOOST_TEST(url.user == "ci");
  BOOST_TEST(url.password == "p@ss");
  BOOST_TEST(url.host == "redis.internal");
  BOOST_TEST(url.port == 6380);
  BOOST_TEST(url.db == 3);
  BOOST_TEST(url.describe() == "redis redis.internal:6380/3");
}

BOOST_AUTO_TEST_CASE(database_zero_and_port_6379_are_the_defaults) {
  const RedisUrl url = parse_redis_url("redis://:secret@10.0.0.7");
  BOOST_TEST(url.user.empty());
  BOOST_TEST(url.password == "secret");
  BOOST_TEST(url.port == 6379);
  BOOST_TEST(url.db == 0);
  BOOST_TEST(parse_redis_url("redis://[::1]:7000/").describe() == "redis [::1]:7000/0");
}

BOOST_AUTO_TEST_CASE(tls_urls_are_refused_with_what_to_do_instead) {
  const std::string message = refusal("rediss://:secret@redis.internal:6380/0");
  BOOST_TEST(contains(message,
                      "TLS to Redis (rediss://) is not supported; use redis:// on a "
                      "trusted network or a local TLS tunnel such as stunnel"),
             message);
  BOOST_TEST(!contains(message, "secret"));
  SystemClock clock;
  BOOST_CHECK_THROW(RedisBudgetStore("rediss://127.0.0.1:6380/0", clock, "a"), RedisError);
}

BOOST_AUTO_TEST_CASE(malformed_urls_are_refused_without_the_password) {
  for (const std::string url :
       {"redis://u:hunter2@host:port/0", "redis://:hunter2@host:6379/db", "http://:hunter2@host",
        "redis://hunter2@host:6379", "redis://:hunter2@:6379/0", "redis://:hunter2@h:0/1/2"}) {
    const std::string message = refusal(url);
    BOOST_TEST(!contains(message, "hunter2"), message);
    BOOST_TEST(contains(message, "<secret>"), message);
  }
}

BOOST_AUTO_TEST_CASE(the_password_is_in_no_description_or_error_of_a_store) {
  test::SigpipeIgnored sigpipe;
  test::RedisServer server("correct-horse-battery");
  SystemClock clock;
  const Limits limits = test::log_limits(2000, 5, 5, 5, 5);
  RedisBudgetStore store(server.url(), clock, "a");
  BOOST_TEST(store.take("id", limits, test::request(Priority::gating)).granted);
  BOOST_TEST(!contains(store.describe(), "correct-horse-battery"), store.describe());

  RedisBudgetStore wrong("redis://:wrong-staple@127.0.0.1:" + std::to_string(server.port()), clock,
                         "b");
  try {
    wrong.take("id", limits, test::request(Priority::gating));
    BOOST_FAIL("a wrong password was accepted");
  } catch (const RedisError& e) {
    BOOST_TEST((e.kind() == RedisError::Kind::config));
    BOOST_TEST(!contains(e.what(), "wrong-staple"), e.what());
    BOOST_TEST(!contains(e.what(), "correct-horse-battery"), e.what());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
