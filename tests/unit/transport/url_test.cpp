#include "transport/url.h"

#include <boost/test/unit_test.hpp>
#include <stdexcept>

namespace cib {
namespace {

BOOST_AUTO_TEST_SUITE(url)

BOOST_AUTO_TEST_CASE(https_url_gives_default_port_and_path) {
  const BaseUrl url = parse_base_url("https://api.bitbucket.org/2.0");
  BOOST_TEST(url.scheme == "https");
  BOOST_TEST(url.host == "api.bitbucket.org");
  BOOST_TEST(url.port == 443);
  BOOST_TEST(url.path == "/2.0");
  BOOST_TEST(url.secure());
}

BOOST_AUTO_TEST_CASE(explicit_port_and_trailing_slash) {
  const BaseUrl url = parse_base_url("http://127.0.0.1:8080/api/v4/");
  BOOST_TEST(url.scheme == "http");
  BOOST_TEST(url.port == 8080);
  BOOST_TEST(url.path == "/api/v4");
  BOOST_TEST(!url.secure());
  BOOST_TEST(url.authority() == "127.0.0.1:8080");
}

BOOST_AUTO_TEST_CASE(host_is_lower_cased_and_root_path_is_empty) {
  const BaseUrl url = parse_base_url("HTTPS://Git.Example.COM");
  BOOST_TEST(url.scheme == "https");
  BOOST_TEST(url.host == "git.example.com");
  BOOST_TEST(url.path == "");
}

BOOST_AUTO_TEST_CASE(ipv6_host_loses_its_brackets) {
  const BaseUrl url = parse_base_url("https://[::1]:8443/rest");
  BOOST_TEST(url.host == "::1");
  BOOST_TEST(url.port == 8443);
  BOOST_TEST(url.authority() == "[::1]:8443");
}

BOOST_AUTO_TEST_CASE(encoded_base_path_stays_encoded) {
  BOOST_TEST(parse_base_url("https://h.example/a%2Fb/c%20d").path == "/a%2Fb/c%20d");
}

BOOST_AUTO_TEST_CASE(unusable_urls_are_refused) {
  for (const char* url : {"ftp://h.example/", "h.example", "https://", "https://h.example/?q=1",
                          "https://h.example/#frag", "https://h.example:0/"}) {
    BOOST_TEST_CONTEXT("url " << url) {
      BOOST_CHECK_THROW(parse_base_url(url), std::invalid_argument);
    }
  }
}

BOOST_AUTO_TEST_CASE(credentials_in_url_are_refused_without_echoing_them) {
  try {
    parse_base_url("https://user:s3cr3t-token@h.example/");
    BOOST_FAIL("expected std::invalid_argument");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()).find("s3cr3t-token") == std::string::npos);
    BOOST_TEST(std::string(e.what()).find("host.auth") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(loopback_hosts_are_recognised) {
  for (const char* host :
       {"localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "127.1.2.3", "::1"}) {
    BOOST_TEST_CONTEXT("host " << host) {
      BOOST_TEST(is_loopback_host(host));
    }
  }
  for (const char* host :
       {"example.com", "localhost.example.com", "128.0.0.1", "10.0.0.1", "::2", "0.0.0.0"}) {
    BOOST_TEST_CONTEXT("host " << host) {
      BOOST_TEST(!is_loopback_host(host));
    }
  }
}

BOOST_AUTO_TEST_CASE(path_segment_encodes_slash_and_space) {
  BOOST_TEST(encode_path_segment("a/b c") == "a%2Fb%20c");
}

BOOST_AUTO_TEST_CASE(path_segment_keeps_unreserved_characters) {
  BOOST_TEST(encode_path_segment("AZaz09-._~") == "AZaz09-._~");
}

BOOST_AUTO_TEST_CASE(path_segment_encodes_reserved_and_utf8_bytes) {
  BOOST_TEST(encode_path_segment("{x}?#%+") == "%7Bx%7D%3F%23%25%2B");
  BOOST_TEST(encode_path_segment("\xC3\xA9") == "%C3%A9");
  BOOST_TEST(encode_path_segment("") == "");
}

BOOST_AUTO_TEST_CASE(query_value_encodes_separators) {
  BOOST_TEST(encode_query_value("a b&c=d+e") == "a%20b%26c%3Dd%2Be");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
