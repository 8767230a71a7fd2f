// Keys holding a list of records (gateway.clients, gateway.cache): read from YAML sequences of
// mappings or set as JSON, kept as one canonical text, checked field by field with the place
// of the offending field in the message.
#include <boost/test/unit_test.hpp>
#include <string>

#include "config/config_store.h"
#include "config/property_table.h"
#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

// The YAML of a pipeline file holding `lines` under cibatch.gateway (each indented by four).
std::string gateway_yaml(const std::string& lines) {
  return "cibatch:\n"
         "  host: {kind: bitbucket-cloud, auth: {token: literal-token-value}}\n"
         "  gateway:\n" +
         lines;
}

std::string load_error(const std::string& yaml) {
  ConfigStore store;
  return config_error([&] { store.load_yaml(yaml); }, Code::invalid_value);
}

BOOST_AUTO_TEST_SUITE(record_list)

BOOST_AUTO_TEST_CASE(yaml_sequences_of_mappings_fill_the_settings_vectors) {
  ConfigStore store;
  store.load_yaml(gateway_yaml(
      "    clients:\n"
      "      - {name: lighthouse, token_file: /etc/cibatch/tools/lighthouse, priority: "
      "background, quota_per_hour: 300}\n"
      "      - name: backstage\n"
      "        token_file: /etc/cibatch/tools/backstage\n"
      "        priority: interactive\n"
      "    cache:\n"
      "      - {path: \"/repositories/*/*/pullrequests*\", ttl_s: 30}\n"
      "      - {path: \"/repositories/**\", ttl_s: 300}\n"));
  const Settings s = store.settings();
  BOOST_TEST_REQUIRE(s.gateway_clients.size() == 2u);
  BOOST_TEST(s.gateway_clients[0].name == "lighthouse");
  BOOST_TEST(s.gateway_clients[0].token_file == "/etc/cibatch/tools/lighthouse");
  BOOST_TEST(s.gateway_clients[0].priority == "background");
  BOOST_TEST(s.gateway_clients[0].quota_per_hour == 300);
  BOOST_TEST(s.gateway_clients[1].name == "backstage");
  BOOST_TEST(s.gateway_clients[1].priority == "interactive");
  BOOST_TEST(s.gateway_clients[1].quota_per_hour == 0);
  BOOST_TEST_REQUIRE(s.gateway_cache.size() == 2u);
  BOOST_TEST(s.gateway_cache[0].path == "/repositories/*/*/pullrequests*");
  BOOST_TEST(s.gateway_cache[0].ttl_s == 30);
  BOOST_TEST(s.gateway_cache[1].path == "/repositories/**");
  BOOST_TEST(s.gateway_cache[1].ttl_s == 300);
}

BOOST_AUTO_TEST_CASE(the_store_keeps_canonical_json_with_defaults_filled_in) {
  ConfigStore store;
  store.load_yaml(gateway_yaml("    clients: [{token_file: /t/a, name: a}]\n"));
  BOOST_TEST(store.get("gateway.clients") ==
             R"([{"name":"a","token_file":"/t/a","priority":"background","quota_per_hour":0}])");
  BOOST_TEST(store.get("gateway.cache") == "[]");
}

BOOST_AUTO_TEST_CASE(json_text_set_through_the_store_gives_the_same_text_as_yaml) {
  ConfigStore from_yaml;
  from_yaml.load_yaml(gateway_yaml("    cache: [{path: /a/*, ttl_s: 5}]\n"));
  ConfigStore from_set = test::minimal_store();
  from_set.set("gateway.cache", R"([ {"ttl_s": "5", "path": "/a/*"} ])");
  BOOST_TEST(from_set.get("gateway.cache") == from_yaml.get("gateway.cache"));
  from_set.set("gateway.clients", R"([{"name":"x","token_file":"/t/x","quota_per_hour":7}])");
  const Settings s = from_set.settings();
  BOOST_TEST_REQUIRE(s.gateway_clients.size() == 1u);
  BOOST_TEST(s.gateway_clients[0].quota_per_hour == 7);
  BOOST_TEST(s.gateway_cache.at(0).ttl_s == 5);
  from_set.set("gateway.cache", "");
  BOOST_TEST(from_set.settings().gateway_cache.empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_field_is_named_with_its_position) {
  const std::string message =
      load_error(gateway_yaml("    clients:\n"
                              "      - name: a\n"
                              "        token_file: /t/a\n"
                              "        quota: 5\n"));
  BOOST_TEST(message.find("<yaml>:7:9: gateway.clients[0].quota: unknown field (accepted: name, "
                          "token_file, priority: interactive|background, quota_per_hour)") == 0u,
             message);
}

BOOST_AUTO_TEST_CASE(a_missing_required_field_names_its_record) {
  BOOST_TEST(load_error(gateway_yaml("    clients:\n      - {name: a}\n")) ==
             "<yaml>:5:9: gateway.clients[0].token_file: required, but not set");
  BOOST_TEST(load_error(gateway_yaml("    cache:\n      - {ttl_s: 3}\n")) ==
             "<yaml>:5:9: gateway.cache[0].path: required, but not set");
  BOOST_TEST(load_error(gateway_yaml("    clients:\n      - {token_file: /t/a}\n")) ==
             "<yaml>:5:9: gateway.clients[0].name: required, but not set");
}

BOOST_AUTO_TEST_CASE(gating_is_reserved_for_the_library) {
  BOOST_TEST(
      load_error(
          gateway_yaml("    clients:\n      - {name: a, token_file: /t/a, priority: gating}\n")) ==
      "<yaml>:5:37: gateway.clients[0].priority: expected interactive or background: gating is "
      "reserved for the library");
  BOOST_TEST(load_error(gateway_yaml(
                 "    clients:\n      - {name: a, token_file: /t/a, priority: urgent}\n")) ==
             "<yaml>:5:37: gateway.clients[0].priority: expected interactive or background, got "
             "\"urgent\"");
}

BOOST_AUTO_TEST_CASE(negative_numbers_are_refused) {
  BOOST_TEST(load_error(gateway_yaml(
                 "    clients:\n      - {name: a, token_file: /t/a, quota_per_hour: -5}\n")) ==
             "<yaml>:5:37: gateway.clients[0].quota_per_hour: expected an integer from 0 to "
             "100000000, got \"-5\"");
  BOOST_TEST(load_error(gateway_yaml("    cache:\n      - {path: /x, ttl_s: -1}\n")) ==
             "<yaml>:5:20: gateway.cache[0].ttl_s: expected an integer from 0 to 31622400, got "
             "\"-1\"");
}

BOOST_AUTO_TEST_CASE(duplicate_tool_names_and_token_files_are_refused) {
  BOOST_TEST(load_error(gateway_yaml("    clients:\n"
                                     "      - {name: a, token_file: /t/a}\n"
                                     "      - {name: a, token_file: /t/b}\n")) ==
             "<yaml>:6:10: gateway.clients[1].name: \"a\" is used twice (first by [0] at "
             "<yaml>:5:10)");
  BOOST_TEST(load_error(gateway_yaml("    clients:\n"
                                     "      - {name: a, token_file: /t/a}\n"
                                     "      - {name: b, token_file: /t/a}\n"))
                 .find("gateway.clients[1].token_file: \"/t/a\" is used twice") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(values_of_the_wrong_shape_are_refused_where_they_stand) {
  BOOST_TEST(load_error(gateway_yaml("    clients: lighthouse\n")) ==
             "<yaml>:4:5: gateway.clients: expected a list of mappings {name, token_file, "
             "priority: interactive|background, quota_per_hour}");
  BOOST_TEST(load_error(gateway_yaml("    clients:\n      - lighthouse\n"))
                 .find("<yaml>:5:9: gateway.clients[0]: expected a list of mappings") == 0u);
  BOOST_TEST(load_error(gateway_yaml("    clients:\n      - {name: [a], token_file: /t}\n")) ==
             "<yaml>:5:10: gateway.clients[0].name: expected a plain value");
  BOOST_TEST(
      load_error(gateway_yaml("    cache:\n      - {path: \"repositories/*\", ttl_s: 1}\n")) ==
      "<yaml>:5:10: gateway.cache[0].path: expected a path starting with '/', got "
      "\"repositories/*\"");
  BOOST_TEST(load_error(gateway_yaml("    clients:\n      - {name: \"a b\", token_file: /t}\n"))
                 .find("gateway.clients[0].name: expected letters, digits") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(set_names_the_record_and_field_of_bad_json) {
  ConfigStore store;
  BOOST_TEST(config_error([&] { store.set("gateway.clients", R"([{"name":"a"}])"); },
                          Code::invalid_value) ==
             "cib_config_set: gateway.clients[0].token_file: required, but not set");
  BOOST_TEST(
      config_error([&] { store.set("gateway.clients", "{not json"); }, Code::invalid_value) ==
      "cib_config_set: gateway.clients: expected a JSON array of objects {name, "
      "token_file, priority: interactive|background, quota_per_hour}");
  BOOST_TEST(config_error([&] { store.set("gateway.cache", R"([{"path":"/a","ttl_s":true}])"); },
                          Code::invalid_value) ==
             "cib_config_set: gateway.cache[0].ttl_s: expected a string or an integer");
  BOOST_TEST(config_error([&] { store.set("gateway.cache", R"(["/a"])"); }, Code::invalid_value)
                 .find("gateway.cache[0]: expected an object") != std::string::npos);
  // Nothing was stored by the refused calls.
  BOOST_TEST(store.get("gateway.clients") == "[]");
}

BOOST_AUTO_TEST_CASE(the_administrators_file_may_hold_record_lists_too) {
  const test::AdminFile admin(
      "cibatch:\n"
      "  gateway:\n"
      "    cache: [{path: /repositories/**, ttl_s: 60}]\n");
  ConfigStore store;
  store.load_admin_layer();
  BOOST_TEST(store.get("gateway.cache") == R"([{"path":"/repositories/**","ttl_s":60}])");
  const test::AdminFile wrong(
      "cibatch:\n"
      "  gateway:\n"
      "    cache: [{path: /x}]\n");
  ConfigStore refused;
  BOOST_TEST(config_error([&] { refused.load_admin_layer(); }, Code::invalid_value) ==
             wrong.path + ":3:13: gateway.cache[0].ttl_s: required, but not set");
}

BOOST_AUTO_TEST_CASE(the_reference_lists_the_fields_of_a_record_list) {
  const std::string reference = render_reference_markdown();
  BOOST_TEST(reference.find("| `gateway.clients` | list of `{name, token_file, priority: "
                            "interactive\\|background, quota_per_hour}` | `[]` |") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
