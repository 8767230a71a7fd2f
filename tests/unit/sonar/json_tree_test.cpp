// The compact tree the readers parse into: what each JSON value becomes, duplicate names,
// numbers past 64 bits, and the depth bound.
#include "sonar/json_tree.h"

#include <Poco/Exception.h>

#include <boost/test/unit_test.hpp>
#include <string>

namespace cib::sonar {
namespace {

using Kind = JsonNode::Kind;

BOOST_AUTO_TEST_SUITE(json_tree)

BOOST_AUTO_TEST_CASE(every_kind_of_value_becomes_one_node) {
  const auto root =
      parse_json_tree(R"({"s":"é\"x","i":-7,"u":18446744073709551615,"r":1.5,"t":true,"n":null,)"
                      R"("a":[1,"two",{"three":3}],"o":{}})",
                      64);
  BOOST_TEST_REQUIRE((root->kind == Kind::object));
  BOOST_TEST(root->member("s")->text == "é\"x");
  BOOST_TEST(root->member("i")->integer == -7);
  BOOST_TEST((root->member("u")->kind == Kind::big_integer));
  BOOST_TEST(root->member("r")->real == 1.5);
  BOOST_TEST(root->member("t")->boolean);
  BOOST_TEST((root->member("n")->kind == Kind::null));
  const JsonNode* array = root->member("a");
  BOOST_TEST_REQUIRE(array->children.size() == 3u);
  BOOST_TEST(array->children[1].second.text == "two");
  BOOST_TEST(array->children[2].second.member("three")->integer == 3);
  BOOST_TEST(root->member("o")->children.empty());
  BOOST_TEST(root->member("missing") == nullptr);
}

BOOST_AUTO_TEST_CASE(members_are_sorted_and_a_repeated_name_keeps_its_last_value) {
  const auto root = parse_json_tree(R"({"b":1,"a":2,"b":3,"c":{"b":4}})", 64);
  BOOST_TEST_REQUIRE(root->children.size() == 3u);
  BOOST_TEST(root->children[0].first == "a");
  BOOST_TEST(root->children[1].first == "b");
  BOOST_TEST(root->member("b")->integer == 3);
  BOOST_TEST(root->member("c")->member("b")->integer == 4);
}

BOOST_AUTO_TEST_CASE(a_scalar_document_and_the_depth_bound) {
  BOOST_TEST(parse_json_tree("\"just text\"", 64)->text == "just text");
  std::string deep;
  for (int i = 0; i < 70; ++i) deep += "[";
  for (int i = 0; i < 70; ++i) deep += "]";
  BOOST_CHECK_THROW(parse_json_tree(deep, 64), Poco::Exception);
  BOOST_CHECK_THROW(parse_json_tree(R"({"a":[1,2)", 64), std::exception);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::sonar
