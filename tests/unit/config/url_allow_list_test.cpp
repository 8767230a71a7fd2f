// host.allowed_urls against the ways a pipeline could dress up another host as an allowed one:
// look-alike names, user info, IP literals, case, dots, ports, encodings and stray characters.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "config/url_rules.h"

namespace cib {
namespace {

constexpr const char* kBitbucket = "https://api.bitbucket.org/2.0";

bool allowed(const std::string& url, const std::string& prefix = kBitbucket) {
  return url_has_prefix(url, prefix);
}

BOOST_AUTO_TEST_SUITE(url_allow_list)

BOOST_AUTO_TEST_CASE(the_prefix_itself_and_paths_below_it_are_allowed) {
  BOOST_TEST(allowed("https://api.bitbucket.org/2.0"));
  BOOST_TEST(allowed("https://api.bitbucket.org/2.0/"));
  BOOST_TEST(allowed("https://api.bitbucket.org/2.0/repositories"));
  BOOST_TEST(allowed("https://api.bitbucket.org:443/2.0"));
  BOOST_TEST(allowed("https://gitlab.corp.example/api/v4", "https://gitlab.corp.example"));
  BOOST_TEST(allowed("https://api.bitbucket.org/2.0", "https://api.bitbucket.org/2.0/"));
}

BOOST_AUTO_TEST_CASE(a_prefix_never_crosses_a_label_or_segment_boundary) {
  BOOST_TEST(!allowed("https://api.bitbucket.org.evil.com/2.0"));
  BOOST_TEST(!allowed("https://api.bitbucket.org.evil.com"));
  BOOST_TEST(!allowed("https://api.bitbucket.org/2.0evil"));
  BOOST_TEST(!allowed("https://api.bitbucket.org/2"));
  BOOST_TEST(!allowed("https://evilapi.bitbucket.org/2.0"));
  BOOST_TEST(!allowed("https://bitbucket.org/2.0"));
}

BOOST_AUTO_TEST_CASE(internationalised_and_look_alike_names_are_other_hosts) {
  BOOST_TEST(!allowed("https://bitbucket.org.evil.com", "https://bitbucket.org"));
  BOOST_TEST(!allowed("https://bitbucket.xn--org-9o0a.evil.com", "https://bitbucket.org"));
  BOOST_TEST(!allowed("https://xn--bitbcket-n2a.org", "https://bitbucket.org"));
  BOOST_TEST(
      !allowed("https://bitb\xC3\xBC"
               "cket.org",
               "https://bitbucket.org"));
  // Cyrillic 'а' (U+0430) in place of the Latin 'a'.
  BOOST_TEST(!allowed("https://\xD0\xB0pi.bitbucket.org/2.0"));
  BOOST_TEST(!parse_url("https://\xD0\xB0pi.bitbucket.org/2.0"));
  BOOST_TEST(!allowed("https://api.bitbucket.org/2.0", "https://\xD0\xB0pi.bitbucket.org/2.0"));
}

BOOST_AUTO_TEST_CASE(user_info_is_refused_outright) {
  BOOST_TEST(!allowed("https://api.bitbucket.org@evil.com/2.0"));
  BOOST_TEST(!allowed("https://good@evil", "https://good"));
  BOOST_TEST(!allowed("https://user@api.bitbucket.org/2.0"));
  BOOST_TEST(!allowed("https://api.bitbucket.org%40evil.com/2.0"));
  BOOST_TEST(!allowed("https://api.bitbucket.org/2.0", "https://user@api.bitbucket.org/2.0"));
  BOOST_TEST(parse_url("https://good@evil")->has_userinfo);
}

BOOST_AUTO_TEST_CASE(ip_literals_match_only_themselves) {
  BOOST_TEST(!allowed("https://[::1]/"));
  BOOST_TEST(!allowed("https://[::ffff:127.0.0.1]"));
  BOOST_TEST(!allowed("https://127.0.0.1/2.0"));
  BOOST_TEST(!allowed("https://[::ffff:127.0.0.1]/", "https://[::1]"));
  BOOST_TEST(allowed("https://[0:0::1]:8443/api", "https://[::1]:8443"));
  BOOST_TEST(allowed("https://[::1]:8443/api", "https://[0000::0001]:8443/api"));
  BOOST_TEST(parse_url("https://[0:0::1]")->host == "::1");
}

BOOST_AUTO_TEST_CASE(a_trailing_dot_names_the_same_host_and_opens_nothing) {
  BOOST_TEST(allowed("https://api.bitbucket.org./2.0"));
  BOOST_TEST(allowed("https://api.bitbucket.org/2.0", "https://api.bitbucket.org./2.0"));
  BOOST_TEST(!allowed("https://api.bitbucket.org../2.0"));
  BOOST_TEST(!allowed("https://api.bitbucket.org.evil./2.0"));
}

BOOST_AUTO_TEST_CASE(scheme_and_host_ignore_case_the_path_does_not) {
  BOOST_TEST(allowed("HTTPS://API.Bitbucket.ORG/2.0"));
  BOOST_TEST(allowed("https://api.bitbucket.org/2.0", "HTTPS://API.BITBUCKET.ORG/2.0"));
  BOOST_TEST(!allowed("HTTPS://API.Bitbucket.ORG.evil.com/2.0"));
  BOOST_TEST(!allowed("https://gitlab.example/API/v4", "https://gitlab.example/api/v4"));
}

BOOST_AUTO_TEST_CASE(scheme_and_effective_port_must_match) {
  BOOST_TEST(!allowed("http://api.bitbucket.org/2.0"));
  BOOST_TEST(!allowed("https://api.bitbucket.org:8443/2.0"));
  BOOST_TEST(!allowed("https://api.bitbucket.org:80/2.0"));
  BOOST_TEST(allowed("http://api.bitbucket.org:80/2.0", "http://api.bitbucket.org/2.0"));
}

BOOST_AUTO_TEST_CASE(percent_encoding_and_dot_segments_do_not_climb_out) {
  BOOST_TEST(!allowed("https://api.bitbucket.org/2.0/%2e%2e/evil"));
  BOOST_TEST(!allowed("https://api.bitbucket.org/2.0/../evil"));
  BOOST_TEST(!allowed("https://api.bitbucket.org/2.0/%2E%2E"));
  BOOST_TEST(!allowed("https://api.bitbucket.org/2.0/./x"));
  BOOST_TEST(!allowed("https://api.bitbucket.org%2eevil.com/2.0"));
  BOOST_TEST(!allowed("https://%61pi.bitbucket.org/2.0"));
  BOOST_TEST(!allowed("https://api.bitbucket.org/%32.0evil"));
  BOOST_TEST(allowed("https://api.bitbucket.org/%32.0/x"));  // the same path, spelt otherwise
}

BOOST_AUTO_TEST_CASE(backslashes_blanks_and_control_characters_are_refused) {
  for (const std::string& url : std::vector<std::string>{
           "https://api.bitbucket.org\\@evil.com/2.0", "https://evil.com\\.api.bitbucket.org/2.0",
           "https://api.bitbucket.org/2.0\\..\\evil", "https://api.bitbucket.org /2.0",
           " https://api.bitbucket.org/2.0", "https://api.bitbucket.org/2.0\t",
           "https://api.bitbucket.org/2.0\r\nHost: evil",
           std::string("https://api.bitbucket.org\0.evil/2.0", 34),
           "https://api.bitbucket.org\x7f/2.0"}) {
    BOOST_TEST(!allowed(url), url);
    BOOST_TEST(!parse_url(url), url);
  }
}

BOOST_AUTO_TEST_CASE(what_does_not_parse_is_never_under) {
  BOOST_TEST(!allowed("api.bitbucket.org/2.0"));
  BOOST_TEST(!allowed("ftp://api.bitbucket.org/2.0"));
  BOOST_TEST(!allowed("https:///2.0"));
  BOOST_TEST(!allowed("https://[::1/2.0", "https://[::1]"));
  BOOST_TEST(!allowed(kBitbucket, ""));
  BOOST_TEST(!allowed("", kBitbucket));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
