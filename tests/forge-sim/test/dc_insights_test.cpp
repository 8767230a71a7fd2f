// forge-sim as Bitbucket Data Center: Code Insights reports and annotations, which DC appends
// without de-duplicating, with its caps of 1,000 annotations and 6 data fields.
#include <boost/test/unit_test.hpp>

#include "dc_sim.h"

using cib::test::DcSim;
using cib::test::kDcReport;

namespace {

const std::string kAnnotations = kDcReport + "/annotations";
const std::string kReportBody =
    R"({"title":"Lint","result":"FAIL","reporter":"cibatch","data":[{"title":"Issues",)"
    R"("type":"NUMBER","value":2}]})";

std::string annotation(const std::string& id, const std::string& message) {
  return R"({"externalId":")" + id + R"(","message":")" + message +
         R"(","severity":"HIGH","type":"BUG","path":"src/a.c","line":3})";
}

std::string annotations(const std::vector<std::string>& items) {
  std::string body = R"({"annotations":[)";
  for (std::size_t i = 0; i < items.size(); ++i) body += (i ? "," : "") + items[i];
  return body + "]}";
}

std::string many(int count, const std::string& prefix) {
  std::vector<std::string> items;
  for (int i = 0; i < count; ++i) items.push_back(annotation(prefix + std::to_string(i), "m"));
  return annotations(items);
}

Poco::JSON::Object::Ptr held_report(const cib::test::ForgeSim& sim) {
  return sim.state()->getObject("reports")->getObject("PRJ/web")->getObject("abc123")->getObject(
      "lint");
}

std::size_t listed(DcSim& dc) {
  const auto body = dc.client.get(dc.rest(kAnnotations)).json();
  return body->getArray("annotations")->size();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dc_insights)

BOOST_AUTO_TEST_CASE(a_report_reads_back_in_dc_words_and_in_clouds_in_the_state) {
  DcSim dc;
  BOOST_TEST(dc.client.get(dc.rest(kDcReport)).status == 404);
  const auto put = dc.client.put(dc.rest(kDcReport), kReportBody);
  BOOST_TEST(put.status == 200);
  BOOST_TEST(put.json()->getValue<std::string>("key") == "lint");
  const auto got = dc.client.get(dc.rest(kDcReport)).json();
  BOOST_TEST(got->getValue<std::string>("result") == "FAIL");
  BOOST_TEST(got->getArray("data")->size() == 1u);
  BOOST_TEST(held_report(dc.sim)->getValue<std::string>("result") == "FAILED");

  // Without a result: PENDING in the state, none in DC's answer.
  dc.client.put(dc.rest(kDcReport), R"({"title":"Lint","data":[]})");
  BOOST_TEST(!dc.client.get(dc.rest(kDcReport)).json()->has("result"));
  BOOST_TEST(held_report(dc.sim)->getValue<std::string>("result") == "PENDING");

  BOOST_TEST(dc.client.del(dc.rest(kDcReport)).status == 204);
  BOOST_TEST(dc.client.get(dc.rest(kDcReport)).status == 404);
  BOOST_TEST(dc.client.get(dc.rest(kAnnotations)).status == 404);
  BOOST_TEST(dc.client.post(dc.rest(kAnnotations), many(1, "a")).status == 404);
}

BOOST_AUTO_TEST_CASE(a_second_post_of_an_external_id_makes_a_second_annotation) {
  DcSim dc;
  dc.client.put(dc.rest(kDcReport), kReportBody);
  const auto body = annotations({annotation("a", "first"), annotation("b", "other")});
  BOOST_TEST(dc.client.post(dc.rest(kAnnotations), body).status == 204);
  BOOST_TEST(
      dc.client.post(dc.rest(kAnnotations), annotations({annotation("a", "again")})).status == 204);
  BOOST_TEST(listed(dc) == 3u);
  // The state shows the duplicate, so a client that duplicates fails compare_state.
  const auto held = held_report(dc.sim)->getObject("annotations");
  BOOST_TEST(held->size() == 3u);
  BOOST_TEST(held->getObject("a")->getValue<std::string>("summary") == "first");
  BOOST_TEST(held->getObject("a#2")->getValue<std::string>("summary") == "again");
  BOOST_TEST(held->getObject("a#2")->getValue<std::string>("annotation_type") == "BUG");

  // A PUT of the report keeps its annotations on DC.
  BOOST_TEST(dc.client.put(dc.rest(kDcReport), kReportBody).status == 200);
  BOOST_TEST(listed(dc) == 3u);
}

BOOST_AUTO_TEST_CASE(a_delete_names_external_ids_or_clears_all) {
  DcSim dc;
  dc.client.put(dc.rest(kDcReport), kReportBody);
  dc.client.post(dc.rest(kAnnotations),
                 annotations({annotation("a", "1"), annotation("b", "2"), annotation("c", "3")}));
  dc.client.post(dc.rest(kAnnotations), annotations({annotation("a", "4")}));
  BOOST_TEST(dc.client.del(dc.rest(kAnnotations + "?externalId=a&externalId=b")).status == 204);
  const auto left = dc.client.get(dc.rest(kAnnotations)).json()->getArray("annotations");
  BOOST_TEST(left->size() == 1u);
  BOOST_TEST(left->getObject(0)->getValue<std::string>("externalId") == "c");
  BOOST_TEST(left->getObject(0)->getValue<std::string>("message") == "3");
  BOOST_TEST(dc.client.del(dc.rest(kAnnotations)).status == 204);
  BOOST_TEST(listed(dc) == 0u);
}

BOOST_AUTO_TEST_CASE(a_report_holds_at_most_1000_annotations) {
  DcSim dc;
  dc.client.put(dc.rest(kDcReport), kReportBody);
  BOOST_TEST(dc.client.post(dc.rest(kAnnotations), many(1001, "x")).status == 400);
  BOOST_TEST(listed(dc) == 0u);
  BOOST_TEST(dc.client.post(dc.rest(kAnnotations), many(1000, "x")).status == 204);
  BOOST_TEST(listed(dc) == 1000u);
  const auto over = dc.client.post(dc.rest(kAnnotations), many(1, "y"));
  BOOST_TEST(over.status == 400);
  BOOST_TEST(cib::test::dc_message(over).find("1000") != std::string::npos);
  BOOST_TEST(listed(dc) == 1000u);
}

BOOST_AUTO_TEST_CASE(a_report_with_seven_data_fields_is_refused) {
  DcSim dc;
  std::string data;
  for (int i = 0; i < 7; ++i) {
    data += std::string(i ? "," : "") + R"({"title":"f)" + std::to_string(i) +
            R"(","type":"TEXT","value":"v"})";
  }
  const auto seven = dc.client.put(dc.rest(kDcReport), R"({"title":"Lint","data":[)" + data + "]}");
  BOOST_TEST(seven.status == 400);
  BOOST_TEST(dc.sim.stats()->getValue<int>("invalid") == 1);
  BOOST_TEST(dc.client.get(dc.rest(kDcReport)).status == 404);
}

BOOST_AUTO_TEST_CASE(an_annotation_the_description_rejects_is_invalid) {
  DcSim dc;
  dc.client.put(dc.rest(kDcReport), kReportBody);
  const auto bad =
      dc.client.post(dc.rest(kAnnotations),
                     R"({"annotations":[{"externalId":"a","message":"m","severity":"SEVERE"}]})");
  BOOST_TEST(bad.status == 400);
  BOOST_TEST(cib::test::dc_message(bad).find("severity") != std::string::npos);
  BOOST_TEST(dc.client.post(dc.rest(kAnnotations), R"({"annotations":[]})").status == 400);
  // DC's message holds at most 2,000 characters (here two bytes each).
  std::string message;
  for (int i = 0; i < 2001; ++i) message += "\u00e9";
  const auto long_message =
      dc.client.post(dc.rest(kAnnotations), annotations({annotation("a", message)}));
  BOOST_TEST(long_message.status == 400);
  BOOST_TEST(dc.sim.stats()->getValue<int>("invalid") == 3);
  BOOST_TEST(listed(dc) == 0u);
  const auto at_most = annotations({annotation("a", message.substr(2))});
  BOOST_TEST(dc.client.post(dc.rest(kAnnotations), at_most).status == 204);
  BOOST_TEST(listed(dc) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
