// The final-state check on crafted traces and simulator states: it must notice a missing, an
// older or a doubled slot, and accept a capped report.
#include "final_states.h"

#include <Poco/JSON/Parser.h>

#include <boost/test/unit_test.hpp>

namespace cib::test {
namespace {

const std::string kTrace =
    R"j({"op":"status","repo":"t/a","commit":"c1","key":"build","state":"INPROGRESS","description":"Running"})j"
    "\n"
    R"j({"op":"sleep","ms":10})j"
    "\n"
    R"j({"op":"comment","repo":"t/a","pr":7,"key":"summary","body":"old"})j"
    "\n"
    R"j({"op":"status","repo":"t/a","commit":"c1","key":"build","state":"SUCCESSFUL","description":"Passed"})j"
    "\n"
    R"j({"op":"report","repo":"t/a","commit":"c1","id":"scan","title":"S","result":"FAILED","annotations":[)j"
    R"j({"id":"f1","path":"a","line":1,"severity":"LOW","type":"BUG","summary":"one"},)j"
    R"j({"id":"f2","path":"a","line":2,"severity":"LOW","type":"BUG","summary":"two"},)j"
    R"j({"id":"f3","path":"a","line":3,"severity":"LOW","type":"BUG","summary":"three"}]})j"
    "\n"
    R"j({"op":"comment","repo":"t/a","pr":7,"key":"summary","body":"new"})j"
    "\n";

Poco::JSON::Object::Ptr parse(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

// The host holding everything kTrace asks for, with `status`, `comments` and `annotations`
// swapped in.
Poco::JSON::Object::Ptr host(
    const std::string& status = R"j("state":"SUCCESSFUL","description":"Passed")j",
    const std::string& comments =
        R"j([{"id":1,"raw":"new\n\n[//]: # (cibatch:summary)","deleted":false}])j",
    const std::string& annotations =
        R"j({"f1":{"summary":"one"},"f2":{"summary":"two"},"f3":{"summary":"three"}})j") {
  return parse(R"j({"statuses":{"t/a":{"c1":{"build":{)j" + status +
               R"j(}}}},"comments":{"t/a":{"7":)j" + comments +
               R"j(}},"reports":{"t/a":{"c1":{"scan":{"result":"FAILED","annotations":)j" +
               annotations + "}}}}}");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(final_states)

BOOST_AUTO_TEST_CASE(the_last_content_of_each_slot_is_expected_in_order_of_first_post) {
  const std::vector<ExpectedSlot> slots = final_states_from_text(kTrace);
  BOOST_REQUIRE_EQUAL(slots.size(), 3u);
  BOOST_TEST(slots[0].kind == "status");
  BOOST_TEST(slots[0].state == "SUCCESSFUL");
  BOOST_TEST(slots[1].kind == "comment");
  BOOST_TEST(slots[1].scope == "7");
  BOOST_TEST(slots[1].body == "new");
  BOOST_TEST(slots[2].annotations.size() == 3u);
  BOOST_CHECK_THROW(final_states_from_text("{\"op\":\n"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(a_host_holding_every_newest_content_counts_all_delivered) {
  const FinalStateTally tally = check_final_states(final_states_from_text(kTrace), host(), 1000);
  BOOST_TEST(tally.expected == 3u);
  BOOST_TEST(tally.delivered == 3u);
  BOOST_TEST(tally.problems.empty());
}

BOOST_AUTO_TEST_CASE(an_older_status_a_missing_one_and_a_doubled_comment_are_reported) {
  const auto slots = final_states_from_text(kTrace);
  BOOST_TEST(
      check_final_states(slots, host(R"j("state":"INPROGRESS","description":"Running")j"), 1000)
          .delivered == 2u);
  BOOST_TEST(
      check_final_states(slots, parse(R"j({"statuses":{},"comments":{},"reports":{}})j"), 1000)
          .delivered == 0u);
  const std::string doubled =
      R"j([{"id":1,"raw":"new\n\n[//]: # (cibatch:summary)","deleted":false},)j"
      R"j({"id":2,"raw":"new\n\n[//]: # (cibatch:summary)","deleted":false}])j";
  const FinalStateTally two = check_final_states(
      slots, host(R"j("state":"SUCCESSFUL","description":"Passed")j", doubled), 1000);
  BOOST_TEST(two.delivered == 2u);
  BOOST_REQUIRE_EQUAL(two.problems.size(), 1u);
  BOOST_TEST(two.problems[0].find("2 live copies") != std::string::npos);
  const std::string stale =
      R"j([{"id":1,"raw":"old\n\n[//]: # (cibatch:summary)","deleted":false},)j"
      R"j({"id":2,"raw":"new\n\n[//]: # (cibatch:summary)","deleted":true}])j";
  BOOST_TEST(check_final_states(
                 slots, host(R"j("state":"SUCCESSFUL","description":"Passed")j", stale), 1000)
                 .delivered == 2u);
}

BOOST_AUTO_TEST_CASE(a_report_missing_or_changing_an_annotation_is_reported) {
  const auto slots = final_states_from_text(kTrace);
  const std::string ok_status = R"j("state":"SUCCESSFUL","description":"Passed")j";
  const std::string ok_comments = R"j([{"id":1,"raw":"new\n\n[//]: # (cibatch:summary)"}])j";
  BOOST_TEST(check_final_states(slots,
                                host(ok_status, ok_comments,
                                     R"j({"f1":{"summary":"one"},"f2":{"summary":"two"}})j"),
                                1000)
                 .delivered == 2u);
  BOOST_TEST(
      check_final_states(
          slots,
          host(ok_status, ok_comments,
               R"j({"f1":{"summary":"one"},"f2":{"summary":"two"},"f3":{"summary":"old"}})j"),
          1000)
          .delivered == 2u);
}

BOOST_AUTO_TEST_CASE(a_report_over_the_host_cap_is_delivered_when_the_cap_is_held) {
  const auto slots = final_states_from_text(kTrace);
  const std::string ok_status = R"j("state":"SUCCESSFUL","description":"Passed")j";
  const std::string ok_comments = R"j([{"id":1,"raw":"new\n\n[//]: # (cibatch:summary)"}])j";
  const std::string two = R"j({"f1":{"summary":"one"},"f2":{"summary":"two"}})j";
  BOOST_TEST(check_final_states(slots, host(ok_status, ok_comments, two), 2).delivered == 3u);
  const std::string foreign = R"j({"f1":{"summary":"one"},"zz":{"summary":"two"}})j";
  BOOST_TEST(check_final_states(slots, host(ok_status, ok_comments, foreign), 2).delivered == 2u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
