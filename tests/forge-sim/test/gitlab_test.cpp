// forge-sim as GitLab: commit statuses, the merge requests of a commit, project ids, auth,
// validation, rate limits and faults.
#include <Poco/Timestamp.h>

#include <boost/test/unit_test.hpp>

#include "gitlab_sim.h"

using cib::test::ForgeSim;
using cib::test::ForgeSimOptions;
using cib::test::GitlabSim;
using cib::test::kProject;
using cib::test::SimClient;

namespace {

const std::string kPost = kProject + "/statuses/abc123";
const std::string kList = kProject + "/repository/commits/abc123/statuses";

std::string status_body(const std::string& state, const std::string& name = "build") {
  return R"({"state":")" + state + R"(","name":")" + name + R"("})";
}

Poco::JSON::Object::Ptr stored_status(const ForgeSim& sim, const std::string& name) {
  return sim.state()
      ->getObject("statuses")
      ->getObject("acme/web")
      ->getObject("abc123")
      ->getObject(name);
}

std::string message(const cib::test::Reply& reply) {
  return reply.json()->getValue<std::string>("message");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(gitlab_statuses)

BOOST_AUTO_TEST_CASE(a_running_status_moves_on_keeping_its_id_and_unsent_fields) {
  GitlabSim gl;
  const auto running = gl.client.post(
      gl.api(kPost), R"({"state":"running","name":"build","target_url":"https://ci.example/1",)"
                     R"("description":"Building","ref":"main"})");
  BOOST_TEST(running.status == 201);
  const auto first = running.json();
  BOOST_TEST(first->getValue<std::string>("status") == "running");
  BOOST_TEST(first->getValue<std::string>("name") == "build");
  BOOST_TEST(first->getValue<std::string>("ref") == "main");
  BOOST_TEST(first->getValue<std::string>("sha") == "abc123");
  BOOST_TEST(!first->getValue<std::string>("created_at").empty());

  const auto done = gl.client.post(gl.api(kPost), status_body("success"));
  BOOST_TEST(done.status == 201);
  BOOST_TEST(done.json()->getValue<long>("id") == first->getValue<long>("id"));
  BOOST_TEST(done.json()->getValue<std::string>("target_url") == "https://ci.example/1");

  const auto stored = stored_status(gl.sim, "build");
  BOOST_TEST(stored->getValue<std::string>("state") == "SUCCESSFUL");
  BOOST_TEST(stored->getValue<std::string>("host_state") == "success");
  BOOST_TEST(stored->getValue<std::string>("url") == "https://ci.example/1");
}

BOOST_AUTO_TEST_CASE(a_finished_status_is_replaced_by_a_new_one_of_the_same_name) {
  GitlabSim gl;
  const auto success = gl.client.post(gl.api(kPost), status_body("success")).json();
  const auto failed = gl.client.post(gl.api(kPost), status_body("failed"));
  BOOST_TEST(failed.status == 201);
  BOOST_TEST(failed.json()->getValue<long>("id") != success->getValue<long>("id"));
  const auto list = gl.client.get(gl.api(kList)).json_array();
  BOOST_TEST(list->size() == 1u);
  BOOST_TEST(list->getObject(0)->getValue<std::string>("status") == "failed");
  BOOST_TEST(stored_status(gl.sim, "build")->getValue<std::string>("state") == "FAILED");
  gl.client.post(gl.api(kPost), status_body("canceled"));
  BOOST_TEST(stored_status(gl.sim, "build")->getValue<std::string>("state") == "STOPPED");
}

BOOST_AUTO_TEST_CASE(a_transition_to_the_state_it_has_is_refused_but_not_invalid) {
  GitlabSim gl;
  gl.client.post(gl.api(kPost), status_body("running"));
  const auto again = gl.client.post(gl.api(kPost), status_body("running"));
  BOOST_TEST(again.status == 400);
  BOOST_TEST(message(again) == "Cannot transition status via :run from :running");

  gl.client.post(gl.api(kPost), status_body("pending", "lint"));
  const auto pending = gl.client.post(gl.api(kPost), status_body("pending", "lint"));
  BOOST_TEST(pending.status == 400);
  BOOST_TEST(message(pending) == "Cannot transition status via :enqueue from :pending");

  BOOST_TEST(gl.sim.stats()->getValue<int>("invalid") == 0);
  BOOST_TEST(stored_status(gl.sim, "build")->getValue<std::string>("host_state") == "running");
}

BOOST_AUTO_TEST_CASE(context_is_an_alias_of_name_and_the_default_name_is_default) {
  GitlabSim gl;
  BOOST_TEST(gl.client.post(gl.api(kPost), R"({"state":"success","context":"lint"})")
                 .json()
                 ->getValue<std::string>("name") == "lint");
  BOOST_TEST(gl.client.post(gl.api(kPost), R"({"state":"success"})")
                 .json()
                 ->getValue<std::string>("name") == "default");
}

BOOST_AUTO_TEST_CASE(the_list_is_paged_in_headers_with_absolute_links) {
  GitlabSim gl;
  for (int i = 1; i <= 5; ++i) {
    gl.client.post(gl.api(kPost), status_body("success", "job" + std::to_string(i)));
  }
  const auto page2 = gl.client.get(gl.api(kList + "?per_page=2&page=2"));
  BOOST_TEST(page2.status == 200);
  BOOST_TEST(page2.json_array()->size() == 2u);
  BOOST_TEST(page2.json_array()->getObject(0)->getValue<std::string>("name") == "job3");
  BOOST_TEST(page2.header("X-Page") == "2");
  BOOST_TEST(page2.header("X-Per-Page") == "2");
  BOOST_TEST(page2.header("X-Next-Page") == "3");
  BOOST_TEST(page2.header("X-Prev-Page") == "1");
  BOOST_TEST(page2.header("X-Total") == "5");
  BOOST_TEST(page2.header("X-Total-Pages") == "3");
  const std::string next_url = gl.api(kList + "?page=3&per_page=2");
  BOOST_TEST(page2.header("Link").find("<" + next_url + ">; rel=\"next\"") != std::string::npos);

  const auto last = gl.client.get(next_url);
  BOOST_TEST(last.json_array()->size() == 1u);
  BOOST_TEST(last.header("X-Next-Page") == "");
  BOOST_TEST(last.header("Link").find("rel=\"next\"") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(gitlab_projects)

BOOST_AUTO_TEST_CASE(a_literal_slash_in_the_project_path_is_not_found) {
  GitlabSim gl;
  const auto reply =
      gl.client.post(gl.api("/projects/acme/web/statuses/abc123"), status_body("success"));
  BOOST_TEST(reply.status == 404);
  BOOST_TEST(message(reply) == "404 Project Not Found");
  BOOST_TEST(
      gl.client.get(gl.api("/projects/acme/web/repository/commits/abc123/statuses")).status == 404);
  BOOST_TEST(gl.sim.state()->getObject("statuses")->size() == 0u);
  BOOST_TEST(message(gl.client.get(gl.api("/projects/acme%2Fweb/nothing/here"))) ==
             "404 Project Not Found");
  BOOST_TEST(message(gl.client.get(gl.api("/version"))) == "404 Not Found");
}

BOOST_AUTO_TEST_CASE(the_numeric_project_id_names_the_same_project) {
  GitlabSim gl;
  gl.sim.control("POST", "/_sim/gitlab/merge_requests",
                 R"({"repo":"acme/web","sha":"abc123","iid":42})");
  gl.client.post(gl.api(kPost), status_body("success"));
  const auto merge_requests =
      gl.client.get(gl.api(kProject + "/repository/commits/abc123/merge_requests")).json_array();
  BOOST_REQUIRE(merge_requests->size() == 1u);
  const auto project_id = merge_requests->getObject(0)->getValue<long>("project_id");
  const auto by_id = gl.client.get(
      gl.api("/projects/" + std::to_string(project_id) + "/repository/commits/abc123/statuses"));
  BOOST_TEST(by_id.status == 200);
  BOOST_TEST(by_id.json_array()->size() == 1u);
  BOOST_TEST(gl.client.get(gl.api("/projects/999/repository/commits/abc123/statuses")).status ==
             404);
}

BOOST_AUTO_TEST_CASE(the_merge_requests_of_a_commit_are_those_declared) {
  GitlabSim gl;
  const std::string path = kProject + "/repository/commits/abc123/merge_requests";
  const auto none = gl.client.get(gl.api(path));
  BOOST_TEST(none.status == 200);
  BOOST_TEST(none.json_array()->size() == 0u);
  gl.sim.control("POST", "/_sim/gitlab/merge_requests",
                 R"({"repo":"acme/web","sha":"abc123","iid":42})");
  gl.sim.control("POST", "/_sim/gitlab/merge_requests",
                 R"({"repo":"acme/web","sha":"abc123","iid":7,"state":"merged"})");
  const auto both = gl.client.get(gl.api(path)).json_array();
  BOOST_REQUIRE(both->size() == 2u);
  BOOST_TEST(both->getObject(0)->getValue<long>("iid") == 42);
  BOOST_TEST(both->getObject(0)->getValue<std::string>("state") == "opened");
  BOOST_TEST(both->getObject(1)->getValue<std::string>("state") == "merged");
  BOOST_TEST(gl.client.get(gl.api(kProject + "/repository/commits/other/merge_requests"))
                 .json_array()
                 ->size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(gitlab_requests)

BOOST_AUTO_TEST_CASE(private_token_or_bearer_is_required) {
  ForgeSimOptions options;
  options.require_token = "right-token";
  GitlabSim gl(options);
  SimClient anonymous(gl.sim.origin(), "");
  const auto none = anonymous.get(gl.api(kList));
  BOOST_TEST(none.status == 401);
  BOOST_TEST(message(none) == "401 Unauthorized");
  anonymous.set_header("PRIVATE-TOKEN", "right-token");
  BOOST_TEST(anonymous.get(gl.api(kList)).status == 200);
  anonymous.set_header("PRIVATE-TOKEN", "wrong-token");
  BOOST_TEST(anonymous.get(gl.api(kList)).status == 401);
  SimClient bearer(gl.sim.origin(), "Bearer right-token");
  BOOST_TEST(bearer.get(gl.api(kList)).status == 200);
  SimClient basic(gl.sim.origin(), "Basic dXNlcjpyaWdodC10b2tlbg==");  // user:right-token
  BOOST_TEST(basic.get(gl.api(kList)).status == 401);
}

BOOST_AUTO_TEST_CASE(a_body_the_description_rejects_is_400_and_counted_invalid) {
  GitlabSim gl;
  const auto bad_state = gl.client.post(gl.api(kPost), status_body("done"));
  BOOST_TEST(bad_state.status == 400);
  BOOST_TEST(message(bad_state).find("state") != std::string::npos);
  BOOST_TEST(gl.client.post(gl.api(kPost), R"({"name":"build"})").status == 400);
  BOOST_TEST(gl.client.post(gl.api(kPost), R"({"state":"success","coverage":"high"})").status ==
             400);
  BOOST_TEST(gl.sim.stats()->getValue<int>("invalid") == 3);
  BOOST_TEST(gl.sim.state()->getObject("statuses")->size() == 0u);
  const auto logged = gl.sim.requests();
  BOOST_REQUIRE(logged.size() == 3u);
  BOOST_TEST(logged[0]->getValue<bool>("valid") == false);
}

BOOST_AUTO_TEST_CASE(rate_limit_headers_on_every_answer_and_429_over_the_limit) {
  ForgeSimOptions options;
  options.rate_limit = 2;
  options.rate_window_s = 60;
  GitlabSim gl(options);
  const auto before = Poco::Timestamp().epochTime();
  const auto first = gl.client.get(gl.api(kList));
  BOOST_TEST(first.header("RateLimit-Limit") == "2");
  BOOST_TEST(first.header("RateLimit-Observed") == "1");
  BOOST_TEST(first.header("RateLimit-Remaining") == "1");
  const auto reset = std::stol(first.header("RateLimit-Reset"));
  BOOST_TEST(reset > before);
  BOOST_TEST(reset <= before + 61);
  BOOST_TEST(gl.client.post(gl.api(kPost), status_body("success")).header("RateLimit-Remaining") ==
             "0");
  const auto refused = gl.client.get(gl.api(kList));
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(std::stoi(refused.header("Retry-After")) >= 1);
  BOOST_TEST(refused.header("RateLimit-Remaining") == "0");
  BOOST_TEST(refused.header("RateLimit-Limit") == "2");
  BOOST_TEST(refused.header("X-RateLimit-Limit") == "");
  BOOST_TEST(gl.sim.stats()->getValue<int>("rate_limited") == 1);
}

BOOST_AUTO_TEST_CASE(a_409_fault_applies_nothing_and_the_retry_lands) {
  ForgeSimOptions options;
  options.faults = "409@1";
  GitlabSim gl(options);
  const auto busy = gl.client.post(gl.api(kPost), status_body("success"));
  BOOST_TEST(busy.status == 409);
  BOOST_TEST(message(busy) == "Another update in progress");
  BOOST_TEST(gl.sim.state()->getObject("statuses")->size() == 0u);
  BOOST_TEST(gl.client.post(gl.api(kPost), status_body("success")).status == 201);
  const auto logged = gl.sim.requests();
  BOOST_REQUIRE(logged.size() == 2u);
  BOOST_TEST(logged[0]->getValue<std::string>("fault") == "409");
}

BOOST_AUTO_TEST_CASE(an_echo_fault_quotes_the_private_token_header_in_gitlab_shape) {
  ForgeSimOptions options;
  options.faults = "echo-auth@1,echo-auth-text@2";
  GitlabSim gl(options);
  SimClient client(gl.sim.origin(), "");
  client.set_header("PRIVATE-TOKEN", "glpat-secret-1");
  const auto json = client.get(gl.api(kList));
  BOOST_TEST(json.status == 400);
  BOOST_TEST(message(json) == "Bad request; you sent PRIVATE-TOKEN: glpat-secret-1");
  BOOST_TEST(json.json()->getValue<std::string>("detail") == "glpat-secret-1");
  const auto text = client.get(gl.api(kList));
  BOOST_TEST(text.body.find("PRIVATE-TOKEN: glpat-secret-1") != std::string::npos);
  // The log keeps a hash of the token, never the token.
  for (const auto& logged : gl.sim.requests()) {
    BOOST_TEST(logged->getValue<std::string>("token").size() == 12u);
  }
}

BOOST_AUTO_TEST_CASE(sonarqube_keeps_the_rest_of_api) {
  GitlabSim gl;
  SimClient anonymous(gl.sim.origin(), "");
  const auto sonar = anonymous.get(gl.sim.origin() + "/api/issues/search?componentKeys=x");
  BOOST_TEST(sonar.status == 401);
  BOOST_TEST(!sonar.sonar_error().empty());
  BOOST_TEST(gl.sim.stats()->getObject("sonar")->getValue<int>("requests") == 1);
  BOOST_TEST(gl.sim.stats()->getValue<int>("requests") == 0);
}

BOOST_AUTO_TEST_CASE(a_host_it_does_not_play_is_refused_at_start) {
  ForgeSimOptions options;
  options.extra_args = {"--host", "gitea"};
  BOOST_CHECK_THROW(ForgeSim{options}, std::runtime_error);
}

BOOST_AUTO_TEST_CASE(bitbucket_cloud_stays_the_default_and_does_not_serve_api_v4) {
  ForgeSim sim;
  SimClient client(sim.origin());
  const auto reply = client.post(sim.origin() + "/api/v4" + kPost, status_body("success"));
  BOOST_TEST(reply.status == 404);
  BOOST_TEST(reply.json()->getObject("error")->has("message"));
}

BOOST_AUTO_TEST_SUITE_END()
