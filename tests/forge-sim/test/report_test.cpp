// Code Insights reports and their annotations: create-or-update, the re-PUT modes, the limits.
#include <boost/test/unit_test.hpp>

#include "forge_sim.h"
#include "sim_client.h"

using cib::test::ForgeSim;
using cib::test::ForgeSimOptions;
using cib::test::kRepo;
using cib::test::SimClient;

namespace {

const std::string kReport = kRepo + "/commit/abc123/reports/cibatch-sonar";
const std::string kReportBody =
    R"({"title":"Sonar","details":"2 issues","report_type":"BUG","result":"FAILED",)"
    R"("data":[{"title":"Coverage","type":"PERCENTAGE","value":81.5}]})";

// [{"external_id":"<prefix><first>",...}, ...] with `count` annotations.
std::string annotations(int first, int count, const std::string& prefix = "a",
                        const std::string& summary = "issue") {
  std::string body = "[";
  for (int i = first; i < first + count; ++i) {
    if (i != first) body += ",";
    body += R"({"external_id":")" + prefix + std::to_string(i) +
            R"(","annotation_type":"BUG","severity":"HIGH","path":"src/a.c","line":)" +
            std::to_string(i + 1) + R"(,"summary":")" + summary + R"("})";
  }
  return body + "]";
}

Poco::JSON::Object::Ptr saved_annotations(const ForgeSim& sim) {
  return sim.state()
      ->getObject("reports")
      ->getObject("acme/web")
      ->getObject("abc123")
      ->getObject("cibatch-sonar")
      ->getObject("annotations");
}

ForgeSimOptions with_report_put(const std::string& mode) {
  ForgeSimOptions options;
  options.report_put = mode;
  return options;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(reports)

BOOST_AUTO_TEST_CASE(report_put_keeps_annotations_in_keep_mode) {
  ForgeSim sim(with_report_put("keep"));
  SimClient client(sim.origin());
  BOOST_TEST(client.put(kReport, kReportBody).status == 200);
  BOOST_TEST(client.post(kReport + "/annotations", annotations(0, 3)).status == 200);
  BOOST_TEST(client.put(kReport, kReportBody).status == 200);
  BOOST_TEST(saved_annotations(sim)->size() == 3u);
}

BOOST_AUTO_TEST_CASE(report_put_drops_annotations_in_drop_mode) {
  ForgeSim sim(with_report_put("drop"));
  SimClient client(sim.origin());
  BOOST_TEST(client.put(kReport, kReportBody).status == 200);
  BOOST_TEST(client.post(kReport + "/annotations", annotations(0, 3)).status == 200);
  BOOST_TEST(client.put(kReport, kReportBody).status == 200);
  BOOST_TEST(saved_annotations(sim)->size() == 0u);
  BOOST_TEST(client.get(kReport).json()->getValue<std::string>("result") == "FAILED");
}

BOOST_AUTO_TEST_CASE(annotations_bulk_create_or_update_by_external_id) {
  ForgeSim sim;
  SimClient client(sim.origin());
  client.put(kReport, kReportBody);
  const auto first = client.post(kReport + "/annotations", annotations(0, 5));
  BOOST_TEST(first.status == 200);
  BOOST_TEST(first.json_array()->size() == 5u);
  const std::string uuid = first.json_array()->getObject(0)->getValue<std::string>("uuid");

  BOOST_TEST(client.post(kReport + "/annotations", annotations(3, 4, "a", "changed")).status ==
             200);
  const auto saved = saved_annotations(sim);
  BOOST_TEST(saved->size() == 7u);
  BOOST_TEST(saved->getObject("a2")->getValue<std::string>("summary") == "issue");
  BOOST_TEST(saved->getObject("a4")->getValue<std::string>("summary") == "changed");

  BOOST_TEST(client.get(kReport + "/annotations/a0").status == 200);
  BOOST_TEST(
      client.get(kReport + "/annotations/" + uuid).json()->getValue<std::string>("external_id") ==
      "a0");
  BOOST_TEST(client.del(kReport + "/annotations/a0").status == 204);
  BOOST_TEST(client.get(kReport + "/annotations/a0").status == 404);
  BOOST_TEST(client.get(kReport + "/annotations").json()->getValue<int>("size") == 6);
}

BOOST_AUTO_TEST_CASE(a_bulk_of_more_than_100_annotations_is_refused) {
  ForgeSim sim;
  SimClient client(sim.origin());
  client.put(kReport, kReportBody);
  BOOST_TEST(client.post(kReport + "/annotations", annotations(0, 100)).status == 200);
  const auto refused = client.post(kReport + "/annotations", annotations(100, 101));
  BOOST_TEST(refused.status == 400);
  BOOST_TEST(refused.json()->getValue<std::string>("type") == "error");
  BOOST_TEST(sim.requests().back()->getValue<bool>("valid") == false);
  BOOST_TEST(saved_annotations(sim)->size() == 100u);
}

BOOST_AUTO_TEST_CASE(a_report_never_holds_more_than_1000_annotations) {
  ForgeSim sim;
  SimClient client(sim.origin());
  client.put(kReport, kReportBody);
  for (int chunk = 0; chunk < 10; ++chunk) {
    BOOST_REQUIRE(client.post(kReport + "/annotations", annotations(chunk * 100, 100)).status ==
                  200);
  }
  // Updates of existing external ids are still fine; one more new one is not.
  BOOST_TEST(client.post(kReport + "/annotations", annotations(0, 100, "a", "again")).status ==
             200);
  BOOST_TEST(client.post(kReport + "/annotations", annotations(0, 1, "new")).status == 400);
  BOOST_TEST(client.put(kReport + "/annotations/extra", R"({"summary":"x"})").status == 400);
  BOOST_TEST(saved_annotations(sim)->size() == 1000u);
}

BOOST_AUTO_TEST_CASE(annotations_of_a_missing_report_are_404) {
  ForgeSim sim;
  SimClient client(sim.origin());
  BOOST_TEST(client.post(kReport + "/annotations", annotations(0, 1)).status == 404);
  BOOST_TEST(client.get(kReport + "/annotations").status == 404);
  BOOST_TEST(client.get(kReport).status == 404);
}

BOOST_AUTO_TEST_CASE(report_delete_removes_it_with_its_annotations) {
  ForgeSim sim;
  SimClient client(sim.origin());
  client.put(kReport, kReportBody);
  client.post(kReport + "/annotations", annotations(0, 2));
  BOOST_TEST(client.get(kRepo + "/commit/abc123/reports").json()->getValue<int>("size") == 1);
  BOOST_TEST(client.del(kReport).status == 204);
  BOOST_TEST(client.get(kReport).status == 404);
  BOOST_TEST(client.del(kReport).status == 404);
}

BOOST_AUTO_TEST_SUITE_END()
