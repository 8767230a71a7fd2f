// The host's URLs in answers turned into the gateway's: JSON bodies plain and `\/`-escaped,
// Link headers with several relations, Location; look-alikes and other bodies left alone.
#include "gateway/link_rewrite.h"

#include <boost/test/unit_test.hpp>
#include <string>

namespace cib::gw {
namespace {

const LinkBases kBitbucket{"https://api.bitbucket.org/2.0", "http://127.0.0.1:8790/2.0"};
const LinkBases kGithub{"https://api.github.com", "http://ci-gw:8790/github"};

std::string header_value(const Headers& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "<none>";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(link_rewrite)

BOOST_AUTO_TEST_CASE(json_links_go_through_the_gateway) {
  const std::string body =
      R"({"next": "https://api.bitbucket.org/2.0/repositories/ws?page=2", )"
      R"("links": {"self": {"href": "https://api.bitbucket.org/2.0"}}, "size": 3})";
  BOOST_TEST(rewrite_links(body, kBitbucket) ==
             R"({"next": "http://127.0.0.1:8790/2.0/repositories/ws?page=2", )"
             R"("links": {"self": {"href": "http://127.0.0.1:8790/2.0"}}, "size": 3})");
}

BOOST_AUTO_TEST_CASE(the_escaped_form_is_rewritten_escaped) {
  const std::string body = R"({"next":"https:\/\/api.bitbucket.org\/2.0\/repositories\/ws?page=2",)"
                           R"("self":"https:\/\/api.bitbucket.org\/2.0"})";
  BOOST_TEST(rewrite_links(body, kBitbucket) ==
             R"({"next":"http:\/\/127.0.0.1:8790\/2.0\/repositories\/ws?page=2",)"
             R"("self":"http:\/\/127.0.0.1:8790\/2.0"})");
}

BOOST_AUTO_TEST_CASE(look_alikes_are_left_alone) {
  const std::string body =
      R"(["https://api.bitbucket.org/2.0x/a", "https://api.bitbucket.org/2.01", )"
      R"("https://api.bitbucket.org.example.com/2.0/a", "http://api.bitbucket.org/2.0/a", )"
      R"("https:\/\/api.bitbucket.org\/2.0x", "https://api.bitbucket.org/2", )"
      R"("https://bitbucket.org/ws/repo/pull-requests/7"])";
  BOOST_TEST(rewrite_links(body, kBitbucket) == body);
  BOOST_TEST(rewrite_links("see https://api.bitbucket.org/2.0", kBitbucket) ==
             "see http://127.0.0.1:8790/2.0");  // at the very end
}

BOOST_AUTO_TEST_CASE(what_was_written_is_not_read_again) {
  // The gateway's URL starts with the host's here: a second look would rewrite it twice.
  const LinkBases nested{"http://h/api", "http://h/api/gw"};
  BOOST_TEST(rewrite_links("<http://h/api/x>", nested) == "<http://h/api/gw/x>");
  BOOST_TEST(rewrite_links("no links here", nested) == "no links here");
  BOOST_TEST(rewrite_links("http://h/api/x", {"", "http://gw"}) == "http://h/api/x");
}

BOOST_AUTO_TEST_CASE(link_headers_with_several_relations_and_location) {
  Headers headers{{"link",
                   "<https://api.github.com/repositories/1/pulls?page=2>; rel=\"next\", "
                   "<https://api.github.com/repositories/1/pulls?page=5>; rel=\"last\""},
                  {"Location", "https://api.github.com/repos/o/r/issues/comments/9"},
                  {"X-Docs", "https://api.github.com/docs"},
                  {"Content-Type", "application/octet-stream"}};
  std::string body = "https://api.github.com/raw";
  rewrite_answer(headers, body, kGithub);
  BOOST_TEST(header_value(headers, "link") ==
             "<http://ci-gw:8790/github/repositories/1/pulls?page=2>; rel=\"next\", "
             "<http://ci-gw:8790/github/repositories/1/pulls?page=5>; rel=\"last\"");
  BOOST_TEST(header_value(headers, "Location") ==
             "http://ci-gw:8790/github/repos/o/r/issues/comments/9");
  BOOST_TEST(header_value(headers, "X-Docs") == "https://api.github.com/docs");
  BOOST_TEST(body == "https://api.github.com/raw");  // not text: left as it is
}

BOOST_AUTO_TEST_CASE(json_and_text_bodies_are_rewritten_compressed_ones_are_not) {
  const std::string original = R"({"url":"https://api.github.com/repos/o/r"})";
  const std::string rewritten = R"({"url":"http://ci-gw:8790/github/repos/o/r"})";
  for (const char* type : {"application/json; charset=utf-8", "application/vnd.github+json",
                           "text/plain", "Application/JSON"}) {
    Headers headers{{"Content-Type", type}};
    std::string body = original;
    rewrite_answer(headers, body, kGithub);
    BOOST_TEST(body == rewritten, type);
  }
  Headers compressed{{"Content-Type", "application/json"}, {"Content-Encoding", "gzip"}};
  std::string body = original;
  rewrite_answer(compressed, body, kGithub);
  BOOST_TEST(body == original);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::gw
