// The cache's SQLite file (gateway.cache_path), on real files in a temporary folder: what one
// cache keeps the next one on the same file finds, the file stays within the cap, it is
// private to its owner, holds no cookie, and a file that is not the cache's is refused untouched.
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>

#include "file_modes.h"
#include "gateway/response_cache.h"
#include "runtime/clock.h"
#include "sqlite_files.h"
#include "temp_dir.h"

namespace cib::gw {
namespace {

constexpr std::size_t kCap = 64 * 1024;
constexpr std::size_t kSmallCap = 1000;  // 246-byte answers: four fit

CachedAnswer answer_with(const std::string& body, Headers headers = {}) {
  CachedAnswer answer;
  answer.status = 200;
  answer.body = body;
  answer.headers = std::move(headers);
  answer.ttl_ms = 30'000;
  return answer;
}

CacheKey small_key(int n) {
  return {"id", "/r/" + std::to_string(n), ""};
}
const std::string kBody240(240, 'b');

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string bytes_if_present(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 ? test::file_bytes(path) : std::string();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(response_cache_file)

BOOST_AUTO_TEST_CASE(a_second_cache_on_the_file_finds_what_the_first_kept) {
  test::TempDir dir;
  const std::string file = dir.file("cache.db");
  ManualClock clock;
  const CacheKey key{"acct1", "/repositories/ws?page=2", "application/json"};
  const std::string binary_body("{\"a\":1}\0\xff\x01", 10);
  std::int64_t fetched_ms = 0;
  {
    ResponseCache first(kCap, file, clock);
    CachedAnswer answer =
        answer_with(binary_body, {{"ETag", "\"e1\""},
                                  {"Last-Modified", "Tue, 01 Apr 2025 10:00:00 GMT"},
                                  {"Content-Type", "application/json"}});
    answer.status = 203;
    first.store(key, answer);
    first.store({"acct2", key.target, key.accept}, answer_with("other account"));
    fetched_ms = first.find(key)->fetched_ms;
  }
  ResponseCache second(kCap, file, clock);
  const auto found = second.find(key);
  BOOST_REQUIRE(found);
  BOOST_TEST(found->status == 203);
  BOOST_TEST(found->body == binary_body);
  BOOST_TEST(found->etag == "\"e1\"");
  BOOST_TEST(found->last_modified == "Tue, 01 Apr 2025 10:00:00 GMT");
  BOOST_TEST(found->fetched_ms == fetched_ms);
  BOOST_TEST(found->ttl_ms == 30'000);
  BOOST_TEST(found->headers.size() == 3u);
  BOOST_TEST(found->headers[2].second == "application/json");
  BOOST_TEST(second.find({"acct2", key.target, key.accept})->body == "other account");
  BOOST_TEST(second.counts().entries == 2);
  BOOST_TEST(test::mode_of(file) == 0600);
}

BOOST_AUTO_TEST_CASE(refreshes_and_invalidations_are_written_through) {
  test::TempDir dir;
  const std::string file = dir.file("cache.db");
  ManualClock clock;
  {
    ResponseCache first(kCap, file, clock);
    first.store({"acct1", "/repositories/ws/repo/pullrequests", ""}, answer_with("list"));
    first.store({"acct1", "/repositories/ws/repo/src", ""}, answer_with("src", {{"ETag", "1"}}));
    clock.advance(std::chrono::minutes(5));
    first.refresh({"acct1", "/repositories/ws/repo/src", ""}, {{"ETag", "2"}});
    BOOST_TEST(first.invalidate("acct1", "/repositories/ws/repo/pullrequests/7") == 1);
  }
  ResponseCache second(kCap, file, clock);
  BOOST_TEST(!second.find({"acct1", "/repositories/ws/repo/pullrequests", ""}));
  const auto refreshed = second.find({"acct1", "/repositories/ws/repo/src", ""});
  BOOST_REQUIRE(refreshed);
  BOOST_TEST(refreshed->etag == "2");
  BOOST_TEST(refreshed->fetched_ms == clock.wall_ns() / 1'000'000);
}

BOOST_AUTO_TEST_CASE(the_file_holds_no_more_than_the_cap) {
  test::TempDir dir;
  const std::string file = dir.file("cache.db");
  ManualClock clock;
  {
    ResponseCache small(kSmallCap, file, clock);
    for (int n = 1; n <= 20; ++n) {
      small.store(small_key(n), answer_with(kBody240));
      clock.advance(std::chrono::seconds(1));
    }
  }
  test::RawConnection raw(file);
  BOOST_TEST(raw.integer("SELECT count(*) FROM answers") == 4);
  ResponseCache large(kCap, file, clock);
  BOOST_TEST(large.counts().entries == 4);
  for (int n = 17; n <= 20; ++n) BOOST_TEST(large.find(small_key(n)).has_value(), "answer " << n);
}

BOOST_AUTO_TEST_CASE(a_smaller_cap_at_start_keeps_the_newest) {
  test::TempDir dir;
  const std::string file = dir.file("cache.db");
  ManualClock clock;
  {
    ResponseCache large(kCap, file, clock);
    for (int n = 1; n <= 6; ++n) {
      large.store(small_key(n), answer_with(kBody240));
      clock.advance(std::chrono::seconds(1));
    }
    BOOST_TEST(large.find(small_key(1)).has_value());  // recently used, yet the oldest fetched
  }
  {
    ResponseCache small(kSmallCap, file, clock);
    BOOST_TEST(small.counts().entries == 4);
    BOOST_TEST(!small.find(small_key(1)));
    BOOST_TEST(!small.find(small_key(2)));
    // Loaded newest first, so the oldest of those kept leaves first.
    small.store(small_key(7), answer_with(kBody240));
    BOOST_TEST(!small.find(small_key(3)));
    BOOST_TEST(small.find(small_key(6)).has_value());
  }
  ResponseCache again(kCap, file, clock);
  BOOST_TEST(again.counts().entries == 4);
}

BOOST_AUTO_TEST_CASE(no_cookie_reaches_the_file) {
  test::TempDir dir;
  const std::string file = dir.file("cache.db");
  ManualClock clock;
  {
    ResponseCache cache(kCap, file, clock);
    cache.store(small_key(1), answer_with("x", {{"Set-Cookie", "session=cookie-value-4711"}}));
    BOOST_TEST(cache.find(small_key(1)).has_value());
    const std::string on_disk = test::file_bytes(file) + bytes_if_present(file + "-wal");
    BOOST_TEST(!contains(on_disk, "cookie-value-4711"));
  }
  BOOST_TEST(!contains(test::file_bytes(file), "cookie-value-4711"));
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_a_database_is_refused_untouched) {
  test::TempDir dir;
  const std::string file = dir.file("notes.txt");
  const std::string text =
      "these are someone's notes, not a SQLite database\n" + std::string(4096, 'n');
  test::write_file(file, text);
  ManualClock clock;
  try {
    ResponseCache cache(kCap, file, clock);
    BOOST_FAIL("a text file was taken for the cache's file");
  } catch (const std::runtime_error& error) {
    BOOST_TEST(contains(error.what(), file));
    BOOST_TEST(contains(error.what(), "gateway.cache_path"));
  }
  BOOST_TEST(test::file_bytes(file) == text);
}

BOOST_AUTO_TEST_CASE(another_programs_database_is_refused) {
  test::TempDir dir;
  const std::string file = dir.file("other.db");
  {
    test::RawConnection raw(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    raw.exec("CREATE TABLE notes(text TEXT); INSERT INTO notes VALUES('keep me');");
  }
  ManualClock clock;
  BOOST_CHECK_EXCEPTION(
      ResponseCache(kCap, file, clock), std::runtime_error,
      [&](const std::runtime_error& error) { return contains(error.what(), file); });
  test::RawConnection raw(file);
  BOOST_TEST(raw.integer("SELECT count(*) FROM notes") == 1);
}

BOOST_AUTO_TEST_CASE(a_missing_directory_is_named) {
  test::TempDir dir;
  const std::string file = dir.file("missing/cache.db");
  ManualClock clock;
  BOOST_CHECK_EXCEPTION(
      ResponseCache(kCap, file, clock), std::runtime_error,
      [&](const std::runtime_error& error) { return contains(error.what(), file); });
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::gw
