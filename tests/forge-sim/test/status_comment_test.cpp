// Build statuses and pull-request comments, including paging and raw-target routing.
#include <boost/test/unit_test.hpp>
#include <set>

#include "forge_sim.h"
#include "sim_client.h"

using cib::test::ForgeSim;
using cib::test::kRepo;
using cib::test::SimClient;

namespace {

const std::string kStatuses = kRepo + "/commit/abc123/statuses";

std::string comment_body(const std::string& raw) {
  return R"({"content":{"raw":")" + raw + R"("}})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(statuses_and_comments)

BOOST_AUTO_TEST_CASE(status_post_creates_then_overwrites_by_key) {
  ForgeSim sim;
  SimClient client(sim.origin());
  auto created = client.post(
      kStatuses + "/build",
      R"({"key":"build","state":"INPROGRESS","name":"Build","url":"https://ci.example/1"})");
  BOOST_TEST(created.status == 201);
  BOOST_TEST(created.json()->getValue<std::string>("state") == "INPROGRESS");

  auto overwritten = client.post(
      kStatuses + "/build", R"({"key":"build","state":"SUCCESSFUL","url":"https://ci.example/1"})");
  BOOST_TEST(overwritten.status == 201);

  const auto status =
      sim.state()->getObject("statuses")->getObject("acme/web")->getObject("abc123");
  BOOST_TEST(status->size() == 1u);
  BOOST_TEST(status->getObject("build")->getValue<std::string>("state") == "SUCCESSFUL");
  BOOST_TEST(client.get(kStatuses + "/build/build").json()->getValue<std::string>("state") ==
             "SUCCESSFUL");
}

BOOST_AUTO_TEST_CASE(status_put_updates_an_existing_key_and_404s_an_unknown_one) {
  ForgeSim sim;
  SimClient client(sim.origin());
  client.post(kStatuses + "/build", R"({"key":"lint","state":"INPROGRESS","url":"https://x/1"})");
  BOOST_TEST(client.put(kStatuses + "/build/lint", R"({"key":"lint","state":"FAILED"})").status ==
             200);
  BOOST_TEST(client.put(kStatuses + "/build/nope", R"({"key":"nope","state":"FAILED"})").status ==
             404);
  BOOST_TEST(client.get(kStatuses + "/build/lint").json()->getValue<std::string>("state") ==
             "FAILED");
  BOOST_TEST(client.get(kStatuses).json()->getValue<int>("size") == 1);
}

BOOST_AUTO_TEST_CASE(encoded_slash_stays_inside_its_path_segment) {
  ForgeSim sim;
  SimClient client(sim.origin());
  BOOST_TEST(
      client.post(kStatuses + "/build", R"({"key":"ci/build","state":"SUCCESSFUL"})").status ==
      201);
  const auto got = client.get(kStatuses + "/build/ci%2Fbuild");
  BOOST_TEST(got.status == 200);
  BOOST_TEST(got.json()->getValue<std::string>("key") == "ci/build");
  BOOST_TEST(client.get(kStatuses + "/build/ci/build").status == 404);
  BOOST_TEST(sim.requests().back()->getValue<std::string>("target") ==
             "/2.0" + kStatuses + "/build/ci/build");
}

BOOST_AUTO_TEST_CASE(comment_create_update_delete_round_trip) {
  ForgeSim sim;
  SimClient client(sim.origin());
  const std::string comments = kRepo + "/pullrequests/7/comments";
  const auto created = client.post(comments, comment_body("first <b>"));
  BOOST_TEST(created.status == 201);
  const auto json = created.json();
  const long id = json->getValue<long>("id");
  BOOST_TEST(json->getObject("content")->getValue<std::string>("markup") == "markdown");
  BOOST_TEST(json->getObject("content")->getValue<std::string>("html") == "<p>first &lt;b&gt;</p>");
  BOOST_TEST(json->getValue<bool>("deleted") == false);

  const std::string item = comments + "/" + std::to_string(id);
  BOOST_TEST(client.put(item, comment_body("second")).status == 200);
  BOOST_TEST(client.get(item).json()->getObject("content")->getValue<std::string>("raw") ==
             "second");

  BOOST_TEST(client.del(item).status == 204);
  const auto deleted = client.get(item);
  BOOST_TEST(deleted.status == 200);
  BOOST_TEST(deleted.json()->getValue<bool>("deleted") == true);
  BOOST_TEST(client.put(item, comment_body("third")).status == 404);
  BOOST_TEST(client.get(comments + "/999").status == 404);

  const auto saved = sim.state()->getObject("comments")->getObject("acme/web")->getArray("7");
  BOOST_TEST(saved->size() == 1u);
  BOOST_TEST(saved->getObject(0)->getValue<std::string>("raw") == "second");
  BOOST_TEST(saved->getObject(0)->getValue<bool>("deleted") == true);
}

BOOST_AUTO_TEST_CASE(comment_without_content_raw_is_refused) {
  ForgeSim sim;
  SimClient client(sim.origin());
  BOOST_TEST(client.post(kRepo + "/pullrequests/7/comments", R"({"content":{}})").status == 400);
  BOOST_TEST(sim.state()->getObject("comments")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(comment_list_pages_follow_absolute_next_links) {
  ForgeSim sim;
  SimClient client(sim.origin());
  const std::string comments = kRepo + "/pullrequests/3/comments";
  for (int i = 0; i < 25; ++i) {
    BOOST_REQUIRE(client.post(comments, comment_body("c" + std::to_string(i))).status == 201);
  }
  std::set<long> seen;
  int pages = 0;
  std::string target = comments;
  while (!target.empty()) {
    const auto page = client.get(target).json();
    ++pages;
    BOOST_TEST(page->getValue<int>("size") == 25);
    const auto values = page->getArray("values");
    for (std::size_t i = 0; i < values->size(); ++i)
      seen.insert(values->getObject(i)->getValue<long>("id"));
    target = page->has("next") ? page->getValue<std::string>("next") : "";
    if (!target.empty()) BOOST_TEST(target.rfind(sim.api_url(), 0) == 0u);
  }
  BOOST_TEST(pages == 3);
  BOOST_TEST(seen.size() == 25u);

  const auto big = client.get(comments + "?pagelen=500").json();
  BOOST_TEST(big->getValue<int>("pagelen") == 100);
  BOOST_TEST(big->getArray("values")->size() == 25u);
  BOOST_TEST(!big->has("next"));
}

BOOST_AUTO_TEST_SUITE_END()
