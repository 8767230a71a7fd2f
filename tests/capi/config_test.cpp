// cib_config_* fed NULL handles, NULL and malformed strings, unknown keys and bad values.
#include <string>

#include "capi_support.h"

namespace cib::capi {
namespace {

constexpr const char* kNew = "cib_config_new";
constexpr const char* kSet = "cib_config_set";
constexpr const char* kGet = "cib_config_get";
constexpr const char* kLoad = "cib_config_load_yaml";
constexpr const char* kValidate = "cib_config_validate";

struct FreshConfig {
  FreshConfig() {
    cib_config* raw = nullptr;
    Errstr errstr;
    BOOST_REQUIRE_MESSAGE(cib_config_new(&raw, errstr.data(), errstr.size()) == CIB_OK,
                          errstr.str());
    config.reset(raw);
  }
  cibatch::Config config{nullptr};
};

BOOST_FIXTURE_TEST_SUITE(config, FreshConfig)

BOOST_AUTO_TEST_CASE(new_refuses_a_null_out_parameter) {
  Errstr e;
  CIB_CHECK_REFUSED(cib_config_new(nullptr, e.data(), e.size()), CIB_ERR_INVALID_ARGUMENT, e, kNew,
                    "out");
}

BOOST_AUTO_TEST_CASE(destroy_accepts_null) {
  cib_config_destroy(nullptr);
}

BOOST_AUTO_TEST_CASE(set_refuses_null_handle_key_and_value) {
  Errstr e1, e2, e3;
  CIB_CHECK_REFUSED(cib_config_set(nullptr, "batching.linger_ms", "10", e1.data(), e1.size()),
                    CIB_ERR_INVALID_ARGUMENT, e1, kSet, "conf");
  CIB_CHECK_REFUSED(cib_config_set(config.get(), nullptr, "10", e2.data(), e2.size()),
                    CIB_ERR_INVALID_ARGUMENT, e2, kSet, "key");
  CIB_CHECK_REFUSED(
      cib_config_set(config.get(), "batching.linger_ms", nullptr, e3.data(), e3.size()),
      CIB_ERR_INVALID_ARGUMENT, e3, kSet, "value");
}

// An empty key is malformed, and no key is empty: either status says what is wrong.
BOOST_AUTO_TEST_CASE(set_refuses_an_empty_key) {
  Errstr e;
  CIB_CHECK_REFUSED(cib_config_set(config.get(), "", "10", e.data(), e.size()),
                    any_of(CIB_ERR_INVALID_ARGUMENT, CIB_ERR_CONFIG_UNKNOWN_KEY), e, kSet, "key");
}

BOOST_AUTO_TEST_CASE(set_refuses_an_over_long_key_without_echoing_it) {
  const std::string key = repeated(kMaxTextBytes + 1, 'k');
  Errstr e;
  CIB_CHECK_REFUSED(cib_config_set(config.get(), key.c_str(), "10", e.data(), e.size()),
                    CIB_ERR_INVALID_ARGUMENT, e, kSet, "key");
  BOOST_TEST(e.str().find(repeated(64, 'k')) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(set_refuses_invalid_utf8_in_key_and_value) {
  Errstr e1, e2;
  CIB_CHECK_REFUSED(cib_config_set(config.get(), kInvalidUtf8, "10", e1.data(), e1.size()),
                    CIB_ERR_INVALID_ARGUMENT, e1, kSet, "key");
  CIB_CHECK_REFUSED(
      cib_config_set(config.get(), "host.auth.token", kInvalidUtf8, e2.data(), e2.size()),
      CIB_ERR_INVALID_ARGUMENT, e2, kSet, "value");
}

BOOST_AUTO_TEST_CASE(set_names_a_key_it_does_not_know) {
  for (const char* key : {"batching.no_such_key", "nosuchgroup", "host.kind.extra"}) {
    BOOST_TEST_CONTEXT("key " << key) {
      Errstr e;
      CIB_CHECK_REFUSED(cib_config_set(config.get(), key, "1", e.data(), e.size()),
                        CIB_ERR_CONFIG_UNKNOWN_KEY, e, kSet, key);
    }
  }
}

BOOST_AUTO_TEST_CASE(set_names_the_key_of_an_invalid_value) {
  Errstr e1, e2, e3;
  CIB_CHECK_REFUSED(
      cib_config_set(config.get(), "batching.linger_ms", "lots", e1.data(), e1.size()),
      CIB_ERR_CONFIG_INVALID_VALUE, e1, kSet, "batching.linger_ms");
  CIB_CHECK_REFUSED(cib_config_set(config.get(), "batching.linger_ms", "-1", e2.data(), e2.size()),
                    CIB_ERR_CONFIG_INVALID_VALUE, e2, kSet, "batching.linger_ms");
  CIB_CHECK_REFUSED(cib_config_set(config.get(), "host.kind", "sourceforge", e3.data(), e3.size()),
                    CIB_ERR_CONFIG_INVALID_VALUE, e3, kSet, "host.kind");
}

BOOST_AUTO_TEST_CASE(get_refuses_null_handle_key_and_buffer) {
  char buf[64];
  size_t needed = 0;
  Errstr e1, e2, e3;
  CIB_CHECK_REFUSED(
      cib_config_get(nullptr, "host.kind", buf, sizeof buf, &needed, e1.data(), e1.size()),
      CIB_ERR_INVALID_ARGUMENT, e1, kGet, "conf");
  CIB_CHECK_REFUSED(
      cib_config_get(config.get(), nullptr, buf, sizeof buf, &needed, e2.data(), e2.size()),
      CIB_ERR_INVALID_ARGUMENT, e2, kGet, "key");
  CIB_CHECK_REFUSED(
      cib_config_get(config.get(), "host.kind", nullptr, sizeof buf, &needed, e3.data(), e3.size()),
      CIB_ERR_INVALID_ARGUMENT, e3, kGet, "buf");
}

BOOST_AUTO_TEST_CASE(get_names_a_key_it_does_not_know) {
  char buf[64];
  Errstr e;
  CIB_CHECK_REFUSED(cib_config_get(config.get(), "batching.no_such_key", buf, sizeof buf, nullptr,
                                   e.data(), e.size()),
                    CIB_ERR_CONFIG_UNKNOWN_KEY, e, kGet, "batching.no_such_key");
}

BOOST_AUTO_TEST_CASE(get_reports_the_size_a_small_buffer_lacks) {
  Errstr e;
  BOOST_TEST_REQUIRE(
      cib_config_set(config.get(), "batching.linger_ms", "1234", e.data(), e.size()) == CIB_OK);
  char buf[3];
  size_t needed = 0;
  BOOST_TEST(cib_config_get(config.get(), "batching.linger_ms", buf, sizeof buf, &needed, e.data(),
                            e.size()) == CIB_ERR_BUFFER_TOO_SMALL);
  BOOST_TEST(needed == 5u);
}

BOOST_AUTO_TEST_CASE(get_never_reveals_a_secret) {
  Errstr e;
  BOOST_TEST_REQUIRE(cib_config_set(config.get(), "host.auth.token", "s3cr3t-t0ken", e.data(),
                                    e.size()) == CIB_OK);
  char buf[256];
  BOOST_TEST_REQUIRE(cib_config_get(config.get(), "host.auth.token", buf, sizeof buf, nullptr,
                                    e.data(), e.size()) == CIB_OK);
  BOOST_TEST(std::string(buf) == "(secret)");
}

BOOST_AUTO_TEST_CASE(load_yaml_refuses_null_empty_and_invalid_input) {
  Errstr e1, e2, e3, e4;
  CIB_CHECK_REFUSED(
      cib_config_load_yaml(nullptr, "cibatch:\n  proxy: \"\"\n", e1.data(), e1.size()),
      CIB_ERR_INVALID_ARGUMENT, e1, kLoad, "conf");
  CIB_CHECK_REFUSED(cib_config_load_yaml(config.get(), nullptr, e2.data(), e2.size()),
                    CIB_ERR_INVALID_ARGUMENT, e2, kLoad, "path_or_text");
  // "" is neither YAML text nor a readable file; either status says so.
  const cib_status empty = cib_config_load_yaml(config.get(), "", e3.data(), e3.size());
  BOOST_TEST((empty == CIB_ERR_INVALID_ARGUMENT || empty == CIB_ERR_CONFIG_SYNTAX),
             cib_status_name(empty) << ": " << e3.str());
  BOOST_TEST(!e3.str().empty());
  const std::string text =
      std::string("cibatch:\n  host:\n    auth:\n      token: ") + kInvalidUtf8 + "\n";
  CIB_CHECK_REFUSED(cib_config_load_yaml(config.get(), text.c_str(), e4.data(), e4.size()),
                    CIB_ERR_INVALID_ARGUMENT, e4, kLoad, "path_or_text");
}

// Messages about a YAML document start with its file:line:column, so only the status and the
// key are checked here.
BOOST_AUTO_TEST_CASE(load_yaml_reports_syntax_errors_and_unknown_keys) {
  Errstr e1, e2, e3;
  BOOST_TEST(cib_config_load_yaml(config.get(), "cibatch:\n  host: [unclosed\n", e1.data(),
                                  e1.size()) == CIB_ERR_CONFIG_SYNTAX);
  BOOST_TEST(!e1.str().empty());
  BOOST_TEST(cib_config_load_yaml(config.get(), "cibatch:\n  batching:\n    no_such_key: 1\n",
                                  e2.data(), e2.size()) == CIB_ERR_CONFIG_UNKNOWN_KEY);
  BOOST_TEST(e2.str().find("no_such_key") != std::string::npos, e2.str());
  BOOST_TEST(cib_config_load_yaml(config.get(), "capi-no-such-file.yml", e3.data(), e3.size()) ==
             CIB_ERR_CONFIG_SYNTAX);
  BOOST_TEST(e3.str().find("capi-no-such-file.yml") != std::string::npos, e3.str());
}

BOOST_AUTO_TEST_CASE(validate_refuses_a_null_handle) {
  Errstr e;
  CIB_CHECK_REFUSED(cib_config_validate(nullptr, e.data(), e.size()), CIB_ERR_INVALID_ARGUMENT, e,
                    kValidate, "conf");
}

BOOST_AUTO_TEST_CASE(validate_names_a_missing_required_key) {
  Errstr e;
  BOOST_TEST(cib_config_validate(config.get(), e.data(), e.size()) == CIB_ERR_CONFIG_MISSING);
  BOOST_TEST(e.str().find("host.") != std::string::npos, e.str());
}

// Every host kind validates; Bitbucket Data Center, which has no default API URL, only with one,
// and cib_config_get shows the URL a client would use.
BOOST_AUTO_TEST_CASE(validate_accepts_every_host_kind_and_names_a_missing_dc_url) {
  for (const std::string kind : {"github", "gitlab", "bitbucket-cloud"}) {
    BOOST_TEST_CONTEXT("host.kind " << kind) {
      const cibatch::Config conf = quiet_config();
      Errstr e1, e2, e3;
      BOOST_TEST_REQUIRE(
          cib_config_set(conf.get(), "host.kind", kind.c_str(), e1.data(), e1.size()) == CIB_OK);
      BOOST_TEST_REQUIRE(cib_config_set(conf.get(), "host.api_url", "", e2.data(), e2.size()) ==
                         CIB_OK);
      BOOST_TEST(cib_config_validate(conf.get(), e3.data(), e3.size()) == CIB_OK, e3.str());
      BOOST_TEST(conf.value("host.api_url").rfind("https://", 0) == 0u);
    }
  }
  const cibatch::Config dc = quiet_config();
  Errstr e1, e2, e3;
  BOOST_TEST_REQUIRE(cib_config_set(dc.get(), "host.kind", "bitbucket-dc", e1.data(), e1.size()) ==
                     CIB_OK);
  BOOST_TEST_REQUIRE(cib_config_set(dc.get(), "host.api_url", "", e2.data(), e2.size()) == CIB_OK);
  CIB_CHECK_REFUSED(cib_config_validate(dc.get(), e3.data(), e3.size()), CIB_ERR_CONFIG_MISSING, e3,
                    kValidate,
                    "host.api_url: required, but not set (host.kind bitbucket-dc has no default");
}

// Ten aliases a level, seven levels: a few hundred bytes standing for ten million nodes.
BOOST_AUTO_TEST_CASE(load_yaml_bounds_alias_expansion_and_names_the_position) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 7; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j == 0 ? "*a" : ", *a") + std::to_string(i - 1);
    text += "]\n";
  }
  text += "cibatch:\n  host: {kind: github}\n";
  Errstr e;
  BOOST_TEST(cib_config_load_yaml(config.get(), text.c_str(), e.data(), e.size()) ==
             CIB_ERR_CONFIG_SYNTAX);
  BOOST_TEST(e.str().rfind("cib_config_load_yaml: <yaml>:5:", 0) == 0, e.str());
}

BOOST_AUTO_TEST_CASE(load_yaml_never_echoes_its_argument) {
  const std::string long_path(5000, 'p');
  Errstr e1;
  BOOST_TEST(cib_config_load_yaml(config.get(), long_path.c_str(), e1.data(), e1.size()) ==
             CIB_ERR_CONFIG_SYNTAX);
  BOOST_TEST(e1.str().size() < 200u, e1.str().size() << " bytes");
  // One line of YAML is text, not a path: the token is read, never echoed.
  Errstr e2, e3;
  BOOST_TEST(cib_config_load_yaml(config.get(), "cibatch: {host: {auth: {token: XYZ-t0ken-value}}}",
                                  e2.data(), e2.size()) == CIB_OK,
             e2.str());
  BOOST_TEST(cib_config_load_yaml(config.get(),
                                  "cibatch: {host: {auth: {token: XYZ-t0ken-value}}, nokey: 1}",
                                  e3.data(), e3.size()) == CIB_ERR_CONFIG_UNKNOWN_KEY);
  BOOST_TEST(e3.str().find("XYZ-t0ken") == std::string::npos, e3.str());
  BOOST_TEST(e3.str().find("<yaml>:1:") != std::string::npos, e3.str());
}

BOOST_AUTO_TEST_CASE(set_never_echoes_a_token_typed_into_auth_type) {
  Errstr e;
  CIB_CHECK_REFUSED(
      cib_config_set(config.get(), "host.auth.type", "XYZ-t0ken-value", e.data(), e.size()),
      CIB_ERR_CONFIG_INVALID_VALUE, e, kSet, "host.auth.type");
  BOOST_TEST(e.str().find("XYZ-t0ken") == std::string::npos, e.str());
}

BOOST_AUTO_TEST_CASE(load_yaml_refuses_env_references_outside_host_auth) {
  Errstr e;
  BOOST_TEST(cib_config_load_yaml(config.get(), "cibatch:\n  spool:\n    path: ${HOME}/spool.db\n",
                                  e.data(), e.size()) == CIB_ERR_CONFIG_INVALID_VALUE);
  BOOST_TEST(e.str() ==
             "cib_config_load_yaml: <yaml>:3:5: spool.path: ${...} is expanded only in "
             "host.auth.* keys; write the value itself");
}

BOOST_AUTO_TEST_CASE(load_yaml_checks_budget_shared_as_a_redis_url) {
  Errstr e;
  BOOST_TEST(cib_config_load_yaml(config.get(),
                                  "cibatch:\n  budget:\n    shared: redis://127.0.0.1:6379/0x\n",
                                  e.data(), e.size()) == CIB_ERR_CONFIG_INVALID_VALUE);
  BOOST_TEST(e.str().rfind("cib_config_load_yaml: <yaml>:3:5: budget.shared: ", 0) == 0, e.str());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
