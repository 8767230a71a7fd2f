#include <boost/test/unit_test.hpp>

#include "dc_fixtures.h"

namespace cib::test {

namespace {

HttpRequest request(const std::string& method, const std::string& target, const std::string& body) {
  HttpRequest r;
  r.method = method;
  r.target = target;
  r.body = body;
  return r;
}

}  // namespace

// The check the DC provider tests rely on finds what the host would refuse.
BOOST_AUTO_TEST_SUITE(dc_schema)

BOOST_AUTO_TEST_CASE(the_description_refuses_what_dc_refuses) {
  const SpecCheck spec = data_center_spec();
  BOOST_TEST(spec.problems(request("POST", kDcBuilds,
                                   R"({"key":"k","state":"SUCCESSFUL","url":"https://x"})"))
                 .empty());
  BOOST_TEST(
      !spec.problems(request("POST", kDcBuilds, R"({"key":"k","state":"SUCCESSFUL"})")).empty());
  BOOST_TEST(!spec.problems(request("POST", kDcBuilds,
                                    R"({"key":"k","state":"STOPPED","url":"https://x"})"))
                  .empty());
  BOOST_TEST(!spec.problems(request("POST", kDcLegacyBuilds,
                                    R"({"key":"k","state":"FAILED","refname":"main"})"))
                  .empty());
  const std::string critical =
      R"({"annotations":[{"externalId":"a","message":"m","severity":"CRITICAL"}]})";
  BOOST_TEST(!spec.problems(request("POST", dc_annotations(), critical)).empty());
  std::string seven = R"({"title":"t","data":[)";
  for (int i = 0; i < 7; ++i) seven += std::string(i ? "," : "") + R"({"title":"d","value":1})";
  BOOST_TEST(!spec.problems(request("PUT", kDcReport, seven + "]}")).empty());
  BOOST_TEST(!spec.problems(request("PATCH", kDcReport, "{}")).empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
