// forge-sim as Bitbucket Data Center: build statuses on /api/latest/.../builds and on the
// legacy /build-status/1.0 path of a server before 7.4.
#include <boost/test/unit_test.hpp>

#include "dc_sim.h"

using cib::test::DcSim;
using cib::test::ForgeSimOptions;
using cib::test::kDcRepo;

namespace {

const std::string kBuilds = kDcRepo + "/commits/abc123/builds";
const std::string kLegacy = "/build-status/1.0/commits/abc123";

std::string build_body(const std::string& key, const std::string& state) {
  return R"({"key":")" + key + R"(","state":")" + state +
         R"(","url":"https://ci.example/1","name":"Build","description":"Done"})";
}

Poco::JSON::Object::Ptr stored(const cib::test::ForgeSim& sim, const std::string& repo,
                               const std::string& key) {
  return sim.state()->getObject("statuses")->getObject(repo)->getObject("abc123")->getObject(key);
}

ForgeSimOptions legacy_server() {
  ForgeSimOptions options;
  options.extra_args = {"--dc-legacy-builds"};
  return options;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dc_builds)

BOOST_AUTO_TEST_CASE(a_status_is_one_per_key_and_reads_back_in_dc_words) {
  DcSim dc;
  BOOST_TEST(dc.client.post(dc.rest(kBuilds), build_body("build", "INPROGRESS")).status == 204);
  BOOST_TEST(dc.client.post(dc.rest(kBuilds), build_body("build", "CANCELLED")).status == 204);
  BOOST_TEST(dc.client.post(dc.rest(kBuilds), build_body("lint", "SUCCESSFUL")).status == 204);

  const auto one = dc.client.get(dc.rest(kBuilds + "?key=build"));
  BOOST_TEST(one.status == 200);
  BOOST_TEST(one.json()->getValue<std::string>("state") == "CANCELLED");
  BOOST_TEST(one.json()->getValue<std::string>("url") == "https://ci.example/1");
  BOOST_TEST(one.json()->getValue<long long>("createdDate") > 0);
  BOOST_TEST(dc.client.get(dc.rest(kBuilds + "?key=none")).status == 404);

  const auto page = dc.client.get(dc.rest(kBuilds + "?limit=1")).json();
  BOOST_TEST(page->getArray("values")->size() == 1u);
  BOOST_TEST(!page->getValue<bool>("isLastPage"));
  BOOST_TEST(page->getValue<int>("nextPageStart") == 1);
  const auto rest = dc.client.get(dc.rest(kBuilds + "?start=1&limit=1")).json();
  BOOST_TEST(rest->getValue<bool>("isLastPage"));
  BOOST_TEST(!rest->has("nextPageStart"));

  // /_sim/state speaks cibatch's words, with DC's own beside them.
  const auto build = stored(dc.sim, "PRJ/web", "build");
  BOOST_TEST(build->getValue<std::string>("state") == "STOPPED");
  BOOST_TEST(build->getValue<std::string>("host_state") == "CANCELLED");
  BOOST_TEST(stored(dc.sim, "PRJ/web", "lint")->getValue<std::string>("state") == "SUCCESSFUL");
}

BOOST_AUTO_TEST_CASE(a_status_without_url_or_with_an_unknown_state_is_invalid) {
  DcSim dc;
  const auto no_url = dc.client.post(dc.rest(kBuilds), R"({"key":"build","state":"FAILED"})");
  BOOST_TEST(no_url.status == 400);
  BOOST_TEST(cib::test::dc_message(no_url).find("url") != std::string::npos);
  BOOST_TEST(dc.client.post(dc.rest(kBuilds), build_body("build", "STOPPED")).status == 400);
  BOOST_TEST(dc.sim.stats()->getValue<int>("invalid") == 2);
  BOOST_TEST(dc.sim.state()->getObject("statuses")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(a_url_of_more_than_450_characters_is_invalid) {
  DcSim dc;
  const auto body = [](std::size_t length) {
    const std::string url = "https://ci.example/" + std::string(length - 19, 'u');
    return R"({"key":"build","state":"SUCCESSFUL","url":")" + url + R"("})";
  };
  BOOST_TEST(dc.client.post(dc.rest(kBuilds), body(450)).status == 204);
  const auto long_url = dc.client.post(dc.rest(kBuilds), body(451));
  BOOST_TEST(long_url.status == 400);
  BOOST_TEST(cib::test::dc_message(long_url).find("maxLength 450") != std::string::npos);
  BOOST_TEST(dc.sim.stats()->getValue<int>("invalid") == 1);
}

BOOST_AUTO_TEST_CASE(a_server_before_7_4_answers_404_and_serves_the_legacy_path) {
  DcSim dc(legacy_server());
  const auto modern = dc.client.post(dc.rest(kBuilds), build_body("build", "SUCCESSFUL"));
  BOOST_TEST(modern.status == 404);
  BOOST_TEST(dc.client.post(dc.rest(kLegacy), build_body("build", "FAILED")).status == 204);
  // The legacy path names no repository: the status is filed under "*".
  BOOST_TEST(stored(dc.sim, "*", "build")->getValue<std::string>("state") == "FAILED");
  const auto listed = dc.client.get(dc.rest(kLegacy)).json()->getArray("values");
  BOOST_TEST(listed->size() == 1u);
  BOOST_TEST(listed->getObject(0)->getValue<std::string>("state") == "FAILED");
  BOOST_TEST(dc.sim.stats()->getValue<int>("invalid") == 0);
}

BOOST_AUTO_TEST_CASE(a_current_server_serves_both_paths) {
  DcSim dc;
  BOOST_TEST(dc.client.post(dc.rest(kLegacy), build_body("build", "SUCCESSFUL")).status == 204);
  BOOST_TEST(dc.client.post(dc.rest(kBuilds), build_body("build", "SUCCESSFUL")).status == 204);
  BOOST_TEST(stored(dc.sim, "*", "build")->getValue<std::string>("state") == "SUCCESSFUL");
  BOOST_TEST(stored(dc.sim, "PRJ/web", "build")->getValue<std::string>("state") == "SUCCESSFUL");
}

BOOST_AUTO_TEST_SUITE_END()
