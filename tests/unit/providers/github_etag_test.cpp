#include <boost/test/unit_test.hpp>

#include "providers/github/etag_cache.h"

namespace cib::test {

namespace {

HttpResponse answer(const std::string& etag, const std::string& body) {
  HttpResponse response;
  response.status = 200;
  response.body = body;
  if (!etag.empty()) response.headers.emplace_back("ETag", etag);
  return response;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_etag_cache)

BOOST_AUTO_TEST_CASE(the_least_recently_used_answer_is_forgotten_first) {
  github::EtagCache cache(2);
  cache.store("/a", answer("\"1\"", "A"));
  cache.store("/b", answer("\"2\"", "B"));
  BOOST_TEST(cache.find("/a")->body == "A");  // /a used: /b is now the oldest
  cache.store("/c", answer("\"3\"", "C"));
  BOOST_TEST(cache.size() == 2u);
  BOOST_TEST(!cache.find("/b"));
  BOOST_TEST(cache.find("/a")->header("ETag") == "\"1\"");
  BOOST_TEST(cache.find("/c")->body == "C");
}

BOOST_AUTO_TEST_CASE(an_answer_without_an_etag_forgets_the_older_one) {
  github::EtagCache cache;
  cache.store("/a", answer("\"1\"", "A"));
  cache.store("/a", answer("", "A2"));
  BOOST_TEST(!cache.find("/a"));
  BOOST_TEST(cache.size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
