#include "transport/proxy.h"

#include <boost/test/unit_test.hpp>
#include <map>
#include <stdexcept>

namespace cib {
namespace {

EnvLookup environment(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

const BaseUrl kHttpsTarget{"https", "api.bitbucket.org", 443, "/2.0"};
const BaseUrl kHttpTarget{"http", "127.0.0.1", 8080, ""};

BOOST_AUTO_TEST_SUITE(no_proxy)

BOOST_AUTO_TEST_CASE(star_matches_every_host) {
  BOOST_TEST(no_proxy_matches("*", "api.bitbucket.org", 443));
}

BOOST_AUTO_TEST_CASE(domain_matches_itself_and_subdomains) {
  BOOST_TEST(no_proxy_matches("example.com", "example.com", 443));
  BOOST_TEST(no_proxy_matches("example.com", "api.example.com", 443));
  BOOST_TEST(!no_proxy_matches("example.com", "badexample.com", 443));
  BOOST_TEST(!no_proxy_matches("example.com", "example.com.evil.net", 443));
}

BOOST_AUTO_TEST_CASE(leading_dot_matches_the_domain_and_subdomains) {
  BOOST_TEST(no_proxy_matches(".example.com", "api.example.com", 443));
  BOOST_TEST(no_proxy_matches(".example.com", "example.com", 443));
  BOOST_TEST(!no_proxy_matches(".example.com", "example.org", 443));
}

BOOST_AUTO_TEST_CASE(list_is_split_on_commas_and_spaces_and_ignores_case) {
  const std::string list = "localhost, .internal ,Git.Example.com,,10.1.2.3";
  BOOST_TEST(no_proxy_matches(list, "git.example.com", 443));
  BOOST_TEST(no_proxy_matches(list, "ci.internal", 443));
  BOOST_TEST(no_proxy_matches(list, "localhost", 8080));
  BOOST_TEST(no_proxy_matches(list, "10.1.2.3", 443));
  BOOST_TEST(!no_proxy_matches(list, "api.bitbucket.org", 443));
}

BOOST_AUTO_TEST_CASE(port_restricts_the_entry) {
  BOOST_TEST(no_proxy_matches("example.com:8443", "example.com", 8443));
  BOOST_TEST(!no_proxy_matches("example.com:8443", "example.com", 443));
  BOOST_TEST(no_proxy_matches("[::1]:8080", "::1", 8080));
  BOOST_TEST(!no_proxy_matches("[::1]:8080", "::1", 9090));
}

BOOST_AUTO_TEST_CASE(ip_addresses_match_exactly_or_by_range) {
  BOOST_TEST(no_proxy_matches("127.0.0.1", "127.0.0.1", 80));
  BOOST_TEST(!no_proxy_matches("127.0.0.1", "127.0.0.2", 80));
  BOOST_TEST(!no_proxy_matches("0.0.1", "10.0.0.1", 80));
  BOOST_TEST(no_proxy_matches("10.0.0.0/8", "10.200.3.4", 80));
  BOOST_TEST(!no_proxy_matches("10.0.0.0/8", "11.0.0.1", 80));
  BOOST_TEST(no_proxy_matches("::1", "::1", 80));
  BOOST_TEST(no_proxy_matches("fd00::/8", "fd12::5", 80));
  BOOST_TEST(!no_proxy_matches("10.0.0.0/8", "example.com", 80));
}

BOOST_AUTO_TEST_CASE(empty_list_matches_nothing) {
  BOOST_TEST(!no_proxy_matches("", "example.com", 443));
  BOOST_TEST(!no_proxy_matches(" , ", "example.com", 443));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(proxy_choice)

BOOST_AUTO_TEST_CASE(configured_proxy_wins_over_environment) {
  const auto env = environment({{"https_proxy", "http://env-proxy:3128"}, {"no_proxy", "*"}});
  const ProxyEndpoint proxy = choose_proxy("http://proxy.internal:8080", kHttpsTarget, env);
  BOOST_TEST(proxy.host == "proxy.internal");
  BOOST_TEST(proxy.port == 8080);
}

BOOST_AUTO_TEST_CASE(https_target_reads_https_proxy) {
  const auto env = environment(
      {{"HTTPS_PROXY", "http://secure-proxy:3128"}, {"HTTP_PROXY", "http://plain-proxy:3128"}});
  BOOST_TEST(choose_proxy("", kHttpsTarget, env).host == "secure-proxy");
  BOOST_TEST(choose_proxy("", kHttpTarget, env).host == "plain-proxy");
}

BOOST_AUTO_TEST_CASE(lower_case_variable_is_read_first) {
  const auto env =
      environment({{"https_proxy", "http://lower:1"}, {"HTTPS_PROXY", "http://upper:2"}});
  BOOST_TEST(choose_proxy("", kHttpsTarget, env).host == "lower");
}

BOOST_AUTO_TEST_CASE(no_proxy_exempts_the_target) {
  const auto env = environment({{"HTTPS_PROXY", "http://p:3128"}, {"NO_PROXY", ".bitbucket.org"}});
  BOOST_TEST(!choose_proxy("", kHttpsTarget, env).enabled());
  const auto lower = environment({{"https_proxy", "http://p:3128"}, {"no_proxy", "bitbucket.org"}});
  BOOST_TEST(!choose_proxy("", kHttpsTarget, lower).enabled());
}

BOOST_AUTO_TEST_CASE(no_environment_means_direct) {
  BOOST_TEST(!choose_proxy("", kHttpsTarget, environment({})).enabled());
  BOOST_TEST(!choose_proxy("", kHttpsTarget, environment({{"HTTPS_PROXY", " "}})).enabled());
}

BOOST_AUTO_TEST_CASE(proxy_url_forms) {
  const ProxyEndpoint bare = parse_proxy_url("proxy.internal");
  BOOST_TEST(bare.host == "proxy.internal");
  BOOST_TEST(bare.port == 1080);
  const ProxyEndpoint with_user = parse_proxy_url("http://me:p%40ss@proxy.internal:3128/");
  BOOST_TEST(with_user.username == "me");
  BOOST_TEST(with_user.password == "p@ss");
  BOOST_TEST(with_user.port == 3128);
  BOOST_TEST(with_user.authority() == "proxy.internal:3128");
}

BOOST_AUTO_TEST_CASE(unsupported_proxy_is_refused_without_echoing_credentials) {
  try {
    parse_proxy_url("socks5://me:hunter2@proxy.internal:1080");
    BOOST_FAIL("expected std::invalid_argument");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()).find("hunter2") == std::string::npos);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
