// forge-sim as GitHub: commit statuses, issue comments, the pull requests of a commit, both
// API prefixes, authentication, validation and the host-neutral /_sim/state.
#include <boost/test/unit_test.hpp>

#include "github_sim.h"

using cib::test::ForgeSim;
using cib::test::GithubSim;
using cib::test::kGithubRepo;
using cib::test::SimClient;

namespace {

const std::string kStatuses = kGithubRepo + "/statuses/abc123";

std::string status_body(const std::string& state, const std::string& context = "ci/build") {
  return R"({"state":")" + state + R"(","context":")" + context +
         R"(","target_url":"https://ci.example/1","description":"Build"})";
}

Poco::JSON::Object::Ptr stored_status(const ForgeSim& sim, const std::string& context) {
  return sim.state()
      ->getObject("statuses")
      ->getObject("acme/web")
      ->getObject("abc123")
      ->getObject(context);
}

std::string message(const cib::test::Reply& reply) {
  return reply.json()->getValue<std::string>("message");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_statuses)

BOOST_AUTO_TEST_CASE(a_status_is_created_listed_and_shown_in_cibatch_words) {
  GithubSim gh;
  const auto pending = gh.client.post(gh.api(kStatuses), status_body("pending"));
  BOOST_TEST(pending.status == 201);
  BOOST_TEST(pending.json()->getValue<std::string>("context") == "ci/build");
  BOOST_TEST(pending.json()->getValue<std::string>("state") == "pending");
  BOOST_TEST(gh.client.post(gh.api(kStatuses), status_body("success")).status == 201);

  const auto list = gh.client.get(gh.api(kGithubRepo + "/commits/abc123/statuses"));
  BOOST_TEST(list.status == 200);
  BOOST_TEST(list.json_array()->size() == 2u);  // every status, newest first
  BOOST_TEST(list.json_array()->getObject(0)->getValue<std::string>("state") == "success");

  const auto stored = stored_status(gh.sim, "ci/build");
  BOOST_TEST(stored->getValue<std::string>("state") == "SUCCESSFUL");
  BOOST_TEST(stored->getValue<std::string>("host_state") == "success");
  BOOST_TEST(stored->getValue<std::string>("url") == "https://ci.example/1");
  gh.client.post(gh.api(kStatuses), status_body("error"));
  BOOST_TEST(stored_status(gh.sim, "ci/build")->getValue<std::string>("state") == "STOPPED");
  gh.client.post(gh.api(kStatuses), status_body("failure"));
  BOOST_TEST(stored_status(gh.sim, "ci/build")->getValue<std::string>("state") == "FAILED");
}

BOOST_AUTO_TEST_CASE(the_combined_status_takes_the_latest_of_each_context) {
  GithubSim gh;
  gh.client.post(gh.api(kStatuses), status_body("failure", "lint"));
  gh.client.post(gh.api(kStatuses), status_body("success", "lint"));
  gh.client.post(gh.api(kStatuses), status_body("pending", "build"));
  const auto combined = gh.client.get(gh.api(kGithubRepo + "/commits/abc123/status")).json();
  BOOST_TEST(combined->getValue<std::string>("state") == "pending");
  BOOST_TEST(combined->getValue<int>("total_count") == 2);
  gh.client.post(gh.api(kStatuses), status_body("success", "build"));
  const auto done = gh.client.get(gh.api(kGithubRepo + "/commits/abc123/status")).json();
  BOOST_TEST(done->getValue<std::string>("state") == "success");
}

BOOST_AUTO_TEST_CASE(the_enterprise_prefix_routes_the_same) {
  GithubSim gh;
  const auto created = gh.client.post(gh.api("/api/v3" + kStatuses), status_body("success"));
  BOOST_TEST(created.status == 201);
  BOOST_TEST(created.json()->getValue<std::string>("url").find("/api/v3/repos/") !=
             std::string::npos);
  const auto list = gh.client.get(gh.api(kGithubRepo + "/commits/abc123/statuses"));
  BOOST_TEST(list.json_array()->size() == 1u);
  BOOST_TEST(gh.sim.stats()->getObject("sonar")->getValue<int>("requests") == 0);
}

BOOST_AUTO_TEST_CASE(the_thousand_and_first_status_of_a_context_is_refused) {
  GithubSim gh;
  for (int i = 0; i < 1000; ++i) {
    if (gh.client.post(gh.api(kStatuses), status_body("pending")).status != 201) {
      BOOST_FAIL("status " << i << " refused");
    }
  }
  const auto refused = gh.client.post(gh.api(kStatuses), status_body("success"));
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(message(refused).find("maximum number of statuses") != std::string::npos);
  BOOST_TEST(gh.client.post(gh.api(kStatuses), status_body("success", "other")).status == 201);
  BOOST_TEST(gh.sim.stats()->getValue<int>("invalid") == 0);  // a host answer, not a bad body
}

BOOST_AUTO_TEST_CASE(a_description_over_140_characters_is_refused_as_invalid) {
  GithubSim gh;
  const auto body = [](std::size_t length) {
    return R"({"state":"success","context":"ci","description":")" + std::string(length, 'x') +
           R"("})";
  };
  BOOST_TEST(gh.client.post(gh.api(kStatuses), body(140)).status == 201);
  const auto refused = gh.client.post(gh.api(kStatuses), body(141));
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(message(refused).find("description is too long") != std::string::npos);
  BOOST_TEST(gh.sim.stats()->getValue<int>("invalid") == 1);
}

BOOST_AUTO_TEST_CASE(a_body_the_description_rejects_answers_422_and_counts_invalid) {
  GithubSim gh;
  const auto bad = gh.client.post(gh.api(kStatuses), R"({"state":"done","context":"ci"})");
  BOOST_TEST(bad.status == 422);
  BOOST_TEST(message(bad).find("state") != std::string::npos);
  BOOST_TEST(bad.json()->getValue<std::string>("documentation_url").find("docs.github.com") !=
             std::string::npos);
  BOOST_TEST(gh.sim.stats()->getValue<int>("invalid") == 1);
  BOOST_TEST(gh.sim.state()->getObject("statuses")->size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(github_comments)

BOOST_AUTO_TEST_CASE(an_issue_comment_is_created_read_edited_and_deleted) {
  GithubSim gh;
  const auto created =
      gh.client.post(gh.api(kGithubRepo + "/issues/7/comments"), R"({"body":"hello"})");
  BOOST_TEST(created.status == 201);
  const long id = created.json()->getValue<long>("id");
  const auto item = gh.api(kGithubRepo + "/issues/comments/" + std::to_string(id));
  BOOST_TEST(gh.client.get(item).json()->getValue<std::string>("body") == "hello");
  const auto edited = gh.client.send("PATCH", item, R"({"body":"bye"})");
  BOOST_TEST(edited.status == 200);
  BOOST_TEST(edited.json()->getValue<std::string>("body") == "bye");

  const auto held = gh.sim.state()->getObject("comments")->getObject("acme/web")->getArray("7");
  BOOST_TEST(held->getObject(0)->getValue<std::string>("raw") == "bye");
  BOOST_TEST(gh.client.del(item).status == 204);
  BOOST_TEST(gh.client.get(item).status == 404);
  BOOST_TEST(gh.client.send("PATCH", item, R"({"body":"again"})").status == 404);
  const auto after = gh.sim.state()->getObject("comments")->getObject("acme/web")->getArray("7");
  BOOST_TEST(after->getObject(0)->getValue<bool>("deleted"));
}

BOOST_AUTO_TEST_CASE(comments_are_paged_through_link_headers) {
  GithubSim gh;
  for (int i = 0; i < 5; ++i) {
    gh.client.post(gh.api(kGithubRepo + "/issues/7/comments"),
                   R"({"body":"c)" + std::to_string(i) + R"("})");
  }
  const auto first = gh.client.get(gh.api(kGithubRepo + "/issues/7/comments?per_page=2"));
  BOOST_TEST(first.json_array()->size() == 2u);
  const auto link = first.header("Link");
  BOOST_TEST(link.find("rel=\"next\"") != std::string::npos);
  BOOST_TEST(link.find("rel=\"last\"") != std::string::npos);
  const auto last = gh.client.get(gh.api(kGithubRepo + "/issues/7/comments?per_page=2&page=3"));
  BOOST_TEST(last.json_array()->size() == 1u);
  BOOST_TEST(last.json_array()->getObject(0)->getValue<std::string>("body") == "c4");
  BOOST_TEST(last.header("Link").find("rel=\"next\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_pulls_of_a_commit_are_those_declared) {
  GithubSim gh;
  const auto pulls = gh.api(kGithubRepo + "/commits/abc123/pulls");
  BOOST_TEST(gh.client.get(pulls).json_array()->size() == 0u);
  gh.sim.control("POST", "/_sim/github/pulls", R"({"repo":"acme/web","sha":"abc123","number":7})");
  const auto listed = gh.client.get(pulls).json_array();
  BOOST_TEST(listed->size() == 1u);
  BOOST_TEST(listed->getObject(0)->getValue<long>("number") == 7);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(github_requests)

BOOST_AUTO_TEST_CASE(a_request_without_credentials_gets_401_in_github_shape) {
  GithubSim gh;
  SimClient anonymous(gh.sim.origin(), "");
  const auto reply = anonymous.get(gh.api(kGithubRepo + "/commits/abc123/statuses"));
  BOOST_TEST(reply.status == 401);
  BOOST_TEST(message(reply) == "Requires authentication");
}

BOOST_AUTO_TEST_CASE(an_unknown_path_gets_404_not_found) {
  GithubSim gh;
  const auto reply = gh.client.get(gh.api(kGithubRepo + "/nothing/here"));
  BOOST_TEST(reply.status == 404);
  BOOST_TEST(message(reply) == "Not Found");
}

BOOST_AUTO_TEST_SUITE_END()
