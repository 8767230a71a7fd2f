#include "config/yaml_loader.h"

#include <boost/test/unit_test.hpp>

#include "config/config_store.h"
#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

BOOST_AUTO_TEST_SUITE(yaml_loader)

BOOST_AUTO_TEST_CASE(nested_mappings_flatten_to_dotted_keys) {
  ConfigStore store;
  store.load_yaml(
      "cibatch:\n"
      "  host:\n"
      "    kind: github\n"
      "    api_url: https://api.github.com\n"
      "    allowed_urls: [https://api.github.com, https://ghe.example.com/api/v3]\n"
      "    auth: { type: basic, user: ci-bot, password: \"${GH_PASSWORD}\" }\n"
      "  batching: { linger_ms: 50, max_pending: 9 }\n"
      "  batching.max_delay_ms: 70\n"
      "  proxy: http://proxy.internal:3128\n");
  BOOST_TEST(store.get("host.kind") == "github");
  BOOST_TEST(store.get("host.auth.type") == "basic");
  BOOST_TEST(store.get("host.auth.user") == "ci-bot");
  BOOST_TEST(store.get("host.auth.password") == "${GH_PASSWORD}");
  BOOST_TEST(store.get("host.allowed_urls") ==
             "https://api.github.com,https://ghe.example.com/api/v3");
  BOOST_TEST(store.get("batching.linger_ms") == "50");
  BOOST_TEST(store.get("batching.max_pending") == "9");
  BOOST_TEST(store.get("batching.max_delay_ms") == "70");
  BOOST_TEST(store.get("proxy") == "http://proxy.internal:3128");
}

BOOST_AUTO_TEST_CASE(a_file_path_is_read_and_named_in_errors) {
  const test::TempDir dir;
  const std::string path = dir.write("pipeline.yml",
                                     "cibatch:\n"
                                     "  batching:\n"
                                     "    terminal_linger_ms: 10\n"
                                     "    linger_ms: lots\n");
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.load_yaml(path); }, Code::invalid_value) ==
             path + ":4:5: batching.linger_ms: expected a non-negative integer, got \"lots\"");
  // Keys before the error are applied, as cib_config_load_yaml documents.
  BOOST_TEST(store.get("batching.terminal_linger_ms") == "10");
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_a_syntax_error_naming_it) {
  const test::TempDir dir;
  const std::string path = dir.path("absent.yml");
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.load_yaml(path); }, Code::syntax) ==
             "cannot read " + path + ": No such file or directory");
}

BOOST_AUTO_TEST_CASE(bad_yaml_syntax_names_the_position) {
  ConfigStore store;
  const std::string message = config_error(
      [&] { store.load_yaml("cibatch:\n  host:\n    kind: [github\n"); }, Code::syntax);
  BOOST_TEST(message.rfind("<yaml>:4:1: invalid YAML: ", 0) == 0, message);
}

BOOST_AUTO_TEST_CASE(cibatch_nested_in_a_pipeline_file_is_found) {
  ConfigStore store;
  store.load_yaml(
      "stages: [build, test]\n"
      "variables:\n"
      "  GIT_DEPTH: 1\n"
      "build-job:\n"
      "  stage: build\n"
      "  script: [make]\n"
      "  extensions:\n"
      "    - name: other\n"
      "    - name: cibatch-plugin\n"
      "      cibatch:\n"
      "        host: { kind: gitlab, api_url: \"https://gitlab.example.com/api/v4\" }\n"
      "        comments:\n"
      "          mode: summary\n");
  BOOST_TEST(store.get("host.kind") == "gitlab");
  BOOST_TEST(store.get("comments.mode") == "summary");
}

BOOST_AUTO_TEST_CASE(errors_inside_a_nested_section_carry_the_file_position) {
  ConfigStore store;
  const std::string pipeline =
      "pipeline:\n"
      "  agent: any\n"
      "  options:\n"
      "    cibatch:\n"
      "      comments: { mode: upsert }\n"
      "      dedup:\n"
      "        trust: 5\n";
  BOOST_TEST(config_error([&] { store.load_yaml(pipeline); }, Code::unknown_key) ==
             "<yaml>:7:9: dedup.trust: unknown key (did you mean dedup.trust_s?); "
             "docs/CONFIGURATION.md lists every key");
}

BOOST_AUTO_TEST_CASE(a_root_of_our_own_keys_needs_no_cibatch_mapping) {
  ConfigStore store;
  store.load_yaml("host:\n  kind: bitbucket-dc\nlog: { queue: true }\n");
  BOOST_TEST(store.get("host.kind") == "bitbucket-dc");
  BOOST_TEST(store.get("log.queue") == "true");
  BOOST_TEST(config_error([&] { store.load_yaml("batching: {}\nbatchin: {linger_ms: 1}\n"); },
                          Code::unknown_key)
                 .rfind("<yaml>:2:1: batchin: unknown key", 0) == 0);
}

BOOST_AUTO_TEST_CASE(a_document_without_our_keys_is_refused) {
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.load_yaml("stages: [build]\nscript: [make]\n"); },
                          Code::syntax) == "<yaml>: no cibatch: mapping found");
  BOOST_TEST(config_error([&] { store.load_yaml("\n"); }, Code::syntax) ==
             "<yaml>: no cibatch: mapping found");
}

BOOST_AUTO_TEST_CASE(two_cibatch_mappings_are_ambiguous) {
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.load_yaml("a:\n  cibatch: {}\nb:\n  cibatch: {}\n"); },
                          Code::syntax) ==
             "<yaml>:4:3: a second cibatch: mapping (the first is at <yaml>:2:3); keep one");
}

BOOST_AUTO_TEST_CASE(a_mapping_where_a_value_belongs_is_refused_at_its_key) {
  ConfigStore store;
  BOOST_TEST(
      config_error(
          [&] {
            store.load_yaml("cibatch:\n  host:\n    api_url:\n      url: https://x.example\n");
          },
          Code::invalid_value) == "<yaml>:3:5: host.api_url: expected a value, got a mapping");
  BOOST_TEST(
      config_error([&] { store.load_yaml("cibatch:\n  batching:\n    linger_ms: [1, 2]\n"); },
                   Code::invalid_value) ==
      "<yaml>:3:5: batching.linger_ms: expected one value, got a list");
  BOOST_TEST(
      config_error([&] { store.load_yaml("cibatch:\n  tls: strict\n"); }, Code::invalid_value) ==
      "<yaml>:2:3: tls: expected a mapping (it is a group of keys)");
  BOOST_TEST(config_error([&] { store.load_yaml("cibatch: 5\n"); }, Code::invalid_value) ==
             "<yaml>:1:1: cibatch: expected a mapping of keys");
}

BOOST_AUTO_TEST_CASE(bad_values_of_every_type_name_their_position) {
  ConfigStore store;
  const std::string text =
      "cibatch:\n"
      "  tls:\n"
      "    verify: maybe\n";
  BOOST_TEST(config_error([&] { store.load_yaml(text); }, Code::invalid_value) ==
             "<yaml>:3:5: tls.verify: expected true or false, got \"maybe\"");
  BOOST_TEST(
      config_error([&] { store.load_yaml("cibatch:\n  host: {kind: svn}\n"); }, Code::invalid_value)
          .rfind("<yaml>:2:10: host.kind: expected one of ", 0) == 0);
  BOOST_TEST(config_error(
                 [&] {
                   store.load_yaml(
                       "cibatch:\n  host:\n    allowed_urls:\n      - https://ok\n"
                       "      - not a url\n");
                 },
                 Code::invalid_value)
                 .rfind("<yaml>:3:5: host.allowed_urls: expected an http:// or https:// URL", 0) ==
             0);
}

BOOST_AUTO_TEST_CASE(a_key_set_twice_is_refused) {
  ConfigStore store;
  BOOST_TEST(config_error(
                 [&] {
                   store.load_yaml(
                       "cibatch:\n  batching: {linger_ms: 1}\n  batching.linger_ms: 2\n");
                 },
                 Code::invalid_value) ==
             "<yaml>:3:3: batching.linger_ms: set twice (first at <yaml>:2:14)");
}

BOOST_AUTO_TEST_CASE(a_pipeline_may_not_lock_keys) {
  ConfigStore store;
  BOOST_TEST(
      config_error([&] { store.load_yaml("cibatch:\n  lock: [comments]\n"); }, Code::unknown_key) ==
      "<yaml>:2:3: lock: only the administrator's file may lock keys");
}

BOOST_AUTO_TEST_CASE(a_null_value_means_empty_text) {
  ConfigStore store;
  store.set("proxy", "http://p.example:1");
  store.load_yaml("cibatch:\n  proxy:\n  tls:\n");
  BOOST_TEST(store.get("proxy") == "");
}

BOOST_AUTO_TEST_CASE(the_loader_reports_keys_with_their_positions) {
  std::vector<std::string> seen;
  load_cibatch_yaml(
      "cibatch:\n  host:\n    kind: github\n  lock: [a, b]\n",
      [&](const std::string& key, const YamlValue& value, const std::string& at) {
        seen.push_back(key + "@" + at + "=" +
                       (value.is_list ? value.item_origins.at(1) : value.scalar));
      },
      YamlLoadOptions{true});
  BOOST_TEST(seen.size() == 2u);
  BOOST_TEST(seen.at(0) == "host.kind@<yaml>:3:5=github");
  BOOST_TEST(seen.at(1) == "lock@<yaml>:4:3=<yaml>:4:13");
}

// "a0: &a0 [x, x, ...]" then levels of ten aliases each to the level below: a few hundred bytes
// that stand for 10^levels nodes once the aliases are followed.
std::string laughs(int levels) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= levels; ++i) {
    const std::string below = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) text += (j == 0 ? "" : ", ") + below;
    text += "]\n";
  }
  return text + "cibatch:\n  host: {kind: github}\n";
}

BOOST_AUTO_TEST_CASE(alias_expansion_beyond_the_node_bound_is_refused_at_its_position) {
  ConfigStore store;
  const std::string message = config_error([&] { store.load_yaml(laughs(7)); }, Code::syntax);
  // The bound is crossed at the alias that expands past it, on line 5 (a4: 10 x 11,111 nodes).
  BOOST_TEST(message.rfind("<yaml>:5:", 0) == 0, message);
  BOOST_TEST(message.find("more than 100000 nodes") != std::string::npos, message);
  BOOST_TEST(store.get("host.kind") == "");  // refused before any key is applied
}

BOOST_AUTO_TEST_CASE(a_few_aliases_within_the_bound_are_read) {
  ConfigStore store;
  store.load_yaml(laughs(3));  // 1,111 nodes: a pipeline file may use anchors
  BOOST_TEST(store.get("host.kind") == "github");
}

BOOST_AUTO_TEST_CASE(an_alias_inside_its_own_anchor_is_refused) {
  ConfigStore store;
  const std::string message = config_error(
      [&] { store.load_yaml("x: &a [*a, *a, *a]\ncibatch:\n  host: {kind: github}\n"); },
      Code::syntax);
  BOOST_TEST(message.rfind("<yaml>:1:8: ", 0) == 0, message);
  BOOST_TEST(message.find("inside its own anchor") != std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(nesting_deeper_than_the_bound_is_refused_at_its_position) {
  ConfigStore store;
  const std::string deep = "x: " + std::string(100, '[') + std::string(100, ']') + "\n" +
                           "cibatch:\n  host: {kind: github}\n";
  const std::string message = config_error([&] { store.load_yaml(deep); }, Code::syntax);
  BOOST_TEST(message.rfind("<yaml>:1:67: ", 0) == 0, message);
  BOOST_TEST(message.find("nested more than 64 levels deep") != std::string::npos, message);
  std::string block_deep = "cibatch:\n  host: {kind: github}\nx:\n";
  for (int i = 0; i < 80; ++i) block_deep += std::string(2 * i, ' ') + "-\n";
  block_deep += std::string(160, ' ') + "leaf\n";
  BOOST_TEST(config_error([&] { store.load_yaml(block_deep); }, Code::syntax)
                 .find("nested more than 64 levels deep") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_document_over_one_mebibyte_is_refused_before_parsing) {
  const test::TempDir dir;
  const std::string padding = "# " + std::string(1 << 20, 'p') + "\n";
  const std::string path = dir.write("big.yml", "cibatch:\n  host: {kind: github}\n" + padding);
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.load_yaml(path); }, Code::syntax) ==
             path + ": larger than 1 MiB; a configuration needs far less");
  const std::string message = config_error(
      [&] { store.load_yaml("cibatch:\n  host: {kind: github}\n" + padding); }, Code::syntax);
  BOOST_TEST(message == "<yaml>: larger than 1 MiB; a configuration needs far less");
  BOOST_TEST(store.get("host.kind") == "");
}

BOOST_AUTO_TEST_CASE(one_line_yaml_text_is_read_as_text_not_as_a_path) {
  ConfigStore store;
  store.load_yaml("cibatch: {host: {kind: github, auth: {token: tok-one-line-0123}}}");
  BOOST_TEST(store.get("host.kind") == "github");
  BOOST_TEST(store.get("host.auth.token") == "(secret)");
  const std::string message = config_error(
      [&] { store.load_yaml("cibatch: {host: {auth: {token: tok-one-line-0123}}, nokey: 1}"); },
      Code::unknown_key);
  BOOST_TEST(message.rfind("<yaml>:1:", 0) == 0, message);
  BOOST_TEST(message.find("tok-one-line") == std::string::npos, message);
}

BOOST_AUTO_TEST_CASE(an_unreadable_path_is_named_by_a_short_excerpt) {
  ConfigStore store;
  const std::string path = "/no/such/dir/" + std::string(5000, 'x') + "/pipeline.yml";
  const std::string message = config_error([&] { store.load_yaml(path); }, Code::syntax);
  BOOST_TEST(message.size() < 160u, message);
  BOOST_TEST(message.find("/pipeline.yml") != std::string::npos, message);
  const std::string control =
      config_error([&] { store.load_yaml("no-file\x1b[2J.yml"); }, Code::syntax);
  BOOST_TEST(control.find('\x1b') == std::string::npos, control);
}

BOOST_AUTO_TEST_CASE(a_long_or_odd_unknown_key_is_named_by_an_excerpt) {
  ConfigStore store;
  const std::string key(200000, 'k');
  const std::string message = config_error(
      [&] { store.load_yaml("cibatch:\n  ? " + key + "\n  : 1\n"); }, Code::unknown_key);
  BOOST_TEST(message.size() < 200u, message.size() << " bytes");
  BOOST_TEST(message.rfind("<yaml>:2:5: " + std::string(64, 'k') + "...: unknown key", 0) == 0);
  const std::string control =
      config_error([&] { store.load_yaml("cibatch:\n  \"tok\\e[2Jen\": 1\n"); }, Code::unknown_key);
  BOOST_TEST(control.find('\x1b') == std::string::npos, control);
  BOOST_TEST(control.rfind("<yaml>:2:3: tok\\x1b[2Jen: unknown key", 0) == 0, control);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
