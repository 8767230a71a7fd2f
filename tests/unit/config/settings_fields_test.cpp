// The property table is the one source of every setting: each row names the Settings field it
// fills, and each field is named by a row or derived from other keys.
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "config/config_store.h"
#include "config/property_table.h"
#include "config_test_support.h"

namespace cib {
namespace {

using test::config_error;
using Code = ConfigError::Code;

// The address of every field of s, in declaration order. A field added to Settings makes this
// fail to compile (a structured binding names every field): name it here, then give it a row,
// or list it in derived_fields() below.
std::vector<const void*> every_field(const Settings& s) {
  const auto& [f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11, f12, f13, f14, f15, f16, f17,
               f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34,
               f35, f36, f37, f38, f39, f40, f41, f42, f43, f44, f45, f46, f47, f48, f49, f50, f51,
               f52, f53, f54, f55, f56, f57, f58, f59, f60, f61, f62, f63, f64, f65, f66, f67, f68,
               f69, f70, f71, f72, f73, f74, f75, f76, f77, f78, f79, f80, f81] = s;
  return {&f01, &f02, &f03, &f04, &f05, &f06, &f07, &f08, &f09, &f10, &f11, &f12, &f13, &f14,
          &f15, &f16, &f17, &f18, &f19, &f20, &f21, &f22, &f23, &f24, &f25, &f26, &f27, &f28,
          &f29, &f30, &f31, &f32, &f33, &f34, &f35, &f36, &f37, &f38, &f39, &f40, &f41, &f42,
          &f43, &f44, &f45, &f46, &f47, &f48, &f49, &f50, &f51, &f52, &f53, &f54, &f55, &f56,
          &f57, &f58, &f59, &f60, &f61, &f62, &f63, &f64, &f65, &f66, &f67, &f68, &f69, &f70,
          &f71, &f72, &f73, &f74, &f75, &f76, &f77, &f78, &f79, &f80, &f81};
}

// Fields no row names: settings_snapshot.cpp works them out from other keys.
std::map<const void*, std::string> derived_fields(const Settings& s) {
  return {
      {&s.auth_token_env, "the variable host.auth.token names, to read again after a 401"},
      {&s.auth_password_env, "the variable host.auth.password names, to read again after a 401"},
  };
}

// The row naming the field at `address`, or nullptr.
const Property* row_of(const Settings& s, const void* address) {
  for (const Property& p : property_table()) {
    if (p.field.locate(s) == address) return &p;
  }
  return nullptr;
}

BOOST_AUTO_TEST_SUITE(settings_fields)

BOOST_AUTO_TEST_CASE(every_row_names_a_field_of_its_own) {
  const Settings s;
  std::set<const void*> named;
  for (const Property& p : property_table()) {
    BOOST_TEST_CONTEXT(p.key) {
      BOOST_TEST_REQUIRE((p.field.assign != nullptr && p.field.locate != nullptr));
      BOOST_TEST(named.insert(p.field.locate(s)).second, "another row names the same field");
      BOOST_TEST(derived_fields(s).count(p.field.locate(s)) == 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_field_is_named_by_a_row_or_derived) {
  const Settings s;
  const std::map<const void*, std::string> derived = derived_fields(s);
  const std::vector<const void*> fields = every_field(s);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    BOOST_TEST((row_of(s, fields[i]) != nullptr || derived.count(fields[i]) == 1),
               "field " << i + 1 << " of Settings is named by no row and not listed as derived");
  }
  BOOST_TEST(fields.size() == property_table().count + derived.size());
}

// An enumeration's text becomes the enumerator at its position among the key's choices.
BOOST_AUTO_TEST_CASE(enumerations_follow_their_keys_choices) {
  const Property& kind = *find_property("host.kind");
  const std::vector<std::string> kinds = enum_choices(kind);
  BOOST_TEST_REQUIRE(kinds.size() == 4u);
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    Settings s;
    kind.field.assign(kind, s, kinds[i]);
    BOOST_TEST(to_string(s.host_kind) == kinds[i]);
    BOOST_TEST(static_cast<std::size_t>(s.host_kind) == i);
  }
  const auto converted = [](const char* key, const char* text) {
    const Property& p = *find_property(key);
    Settings s;
    p.field.assign(p, s, text);
    return s;
  };
  BOOST_TEST((converted("host.auth.type", "basic").auth_type == AuthType::basic));
  BOOST_TEST((converted("host.auth.type", "bearer").auth_type == AuthType::bearer));
  BOOST_TEST((converted("comments.mode", "upsert").comments_mode == CommentsMode::upsert));
  BOOST_TEST((converted("comments.mode", "summary").comments_mode == CommentsMode::summary));
  BOOST_TEST((converted("comments.mode", "append").comments_mode == CommentsMode::append));
  BOOST_TEST((converted("spool.sync", "always").spool_sync == SyncMode::always));
  BOOST_TEST((converted("spool.sync", "batch").spool_sync == SyncMode::batch));
  BOOST_TEST((converted("spool.sync", "off").spool_sync == SyncMode::off));
}

BOOST_AUTO_TEST_CASE(conversions_follow_the_field_type_or_the_rows_converter) {
  const auto converted = [](const char* key, const char* text) {
    const Property& p = *find_property(key);
    Settings s;
    p.field.assign(p, s, text);
    return s;
  };
  BOOST_TEST(converted("budget.limit", "").budget_limit == -1);  // the host kind's default
  BOOST_TEST(converted("budget.limit", "0").budget_limit == 0);
  BOOST_TEST(converted("batching.linger_ms", "5").linger_ms == 5);
  BOOST_TEST(!converted("tls.verify", "false").tls_verify);
  BOOST_TEST(
      converted("host.allowed_urls", "https://a.example,https://b.example").allowed_urls.size() ==
      2u);
  BOOST_TEST(converted("host.api_url", "https://a.example/2.0//").api_url ==
             "https://a.example/2.0");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib
