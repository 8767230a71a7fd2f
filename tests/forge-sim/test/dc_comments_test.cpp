// forge-sim as Bitbucket Data Center: versioned pull-request comments and the activities a
// cold client lists to find its keyed comments.
#include <boost/test/unit_test.hpp>

#include "dc_sim.h"

using cib::test::DcSim;
using cib::test::kDcRepo;

namespace {

const std::string kComments = kDcRepo + "/pull-requests/7/comments";
const std::string kActivities = kDcRepo + "/pull-requests/7/activities";

std::string comment(long id) {
  return kComments + "/" + std::to_string(id);
}

std::string put_body(const std::string& text, int version) {
  return R"({"text":")" + text + R"(","version":)" + std::to_string(version) + "}";
}

Poco::JSON::Array::Ptr held(const cib::test::ForgeSim& sim) {
  return sim.state()->getObject("comments")->getObject("PRJ/web")->getArray("7");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(dc_comments)

BOOST_AUTO_TEST_CASE(an_update_names_the_version_it_read_and_bumps_it) {
  DcSim dc;
  const auto created = dc.client.post(dc.rest(kComments), R"({"text":"first"})");
  BOOST_TEST(created.status == 201);
  const long id = created.json()->getValue<long>("id");
  BOOST_TEST(created.json()->getValue<int>("version") == 0);
  BOOST_TEST(created.json()->getValue<std::string>("text") == "first");

  const auto updated = dc.client.put(dc.rest(comment(id)), put_body("second", 0));
  BOOST_TEST(updated.status == 200);
  BOOST_TEST(updated.json()->getValue<int>("version") == 1);
  BOOST_TEST(updated.json()->getValue<std::string>("text") == "second");

  // A stale version: DC's 409, the text unchanged.
  const auto stale = dc.client.put(dc.rest(comment(id)), put_body("third", 0));
  BOOST_TEST(stale.status == 409);
  BOOST_TEST(cib::test::dc_exception(stale) ==
             "com.atlassian.bitbucket.comment.CommentOutOfDateException");
  const auto read = dc.client.get(dc.rest(comment(id))).json();
  BOOST_TEST(read->getValue<int>("version") == 1);
  BOOST_TEST(read->getValue<std::string>("text") == "second");
  BOOST_TEST(held(dc.sim)->getObject(0)->getValue<std::string>("raw") == "second");
  // A conflict is not an invalid request.
  BOOST_TEST(dc.sim.stats()->getValue<int>("invalid") == 0);

  BOOST_TEST(dc.client.put(dc.rest(comment(id)), R"({"text":"no version"})").status == 400);
  BOOST_TEST(dc.client.put(dc.rest(comment(999)), put_body("x", 0)).status == 404);
}

BOOST_AUTO_TEST_CASE(a_delete_names_the_version_and_the_comment_is_gone) {
  DcSim dc;
  const long id =
      dc.client.post(dc.rest(kComments), R"({"text":"bye"})").json()->getValue<long>("id");
  dc.client.put(dc.rest(comment(id)), put_body("bye!", 0));
  BOOST_TEST(dc.client.del(dc.rest(comment(id) + "?version=0")).status == 409);
  BOOST_TEST(dc.client.del(dc.rest(comment(id) + "?version=1")).status == 204);
  BOOST_TEST(dc.client.get(dc.rest(comment(id))).status == 404);
  BOOST_TEST(dc.client.put(dc.rest(comment(id)), put_body("back", 1)).status == 404);
  BOOST_TEST(held(dc.sim)->getObject(0)->getValue<bool>("deleted"));
  // Only the pull request's OPENED activity is left.
  const auto values = dc.client.get(dc.rest(kActivities)).json()->getArray("values");
  BOOST_TEST(values->size() == 1u);
  BOOST_TEST(values->getObject(0)->getValue<std::string>("action") == "OPENED");
}

BOOST_AUTO_TEST_CASE(activities_are_paged_newest_first_with_current_text_and_version) {
  DcSim dc;
  std::vector<long> ids;
  for (int i = 0; i < 120; ++i) {
    const auto body = R"({"text":"comment )" + std::to_string(i) + R"("})";
    ids.push_back(dc.client.post(dc.rest(kComments), body).json()->getValue<long>("id"));
  }
  dc.client.put(dc.rest(comment(ids.front())), put_body("edited", 0));

  const auto first = dc.client.get(dc.rest(kActivities + "?start=0&limit=100")).json();
  BOOST_TEST(first->getValue<int>("size") == 100);
  BOOST_TEST(!first->getValue<bool>("isLastPage"));
  BOOST_TEST(first->getValue<int>("nextPageStart") == 100);
  const auto newest = first->getArray("values")->getObject(0);
  BOOST_TEST(newest->getValue<std::string>("action") == "COMMENTED");
  BOOST_TEST(newest->getObject("comment")->getValue<long>("id") == ids.back());

  const auto second = dc.client.get(dc.rest(kActivities + "?start=100&limit=100")).json();
  BOOST_TEST(second->getValue<bool>("isLastPage"));
  BOOST_TEST(!second->has("nextPageStart"));
  const auto values = second->getArray("values");
  BOOST_TEST(values->size() == 21u);  // 20 comments and the OPENED activity
  const auto oldest = values->getObject(19)->getObject("comment");
  BOOST_TEST(oldest->getValue<long>("id") == ids.front());
  BOOST_TEST(oldest->getValue<std::string>("text") == "edited");
  BOOST_TEST(oldest->getValue<int>("version") == 1);
  BOOST_TEST(values->getObject(20)->getValue<std::string>("action") == "OPENED");
}

BOOST_AUTO_TEST_CASE(a_comment_without_text_is_refused) {
  DcSim dc;
  BOOST_TEST(dc.client.post(dc.rest(kComments), R"({"text":""})").status == 400);
  // The description types `text` as a string.
  BOOST_TEST(dc.client.post(dc.rest(kComments), R"({"text":42})").status == 400);
  BOOST_TEST(dc.sim.stats()->getValue<int>("invalid") == 2);
}

BOOST_AUTO_TEST_SUITE_END()
