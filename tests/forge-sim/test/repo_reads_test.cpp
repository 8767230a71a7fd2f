// The reads polling tools make on Bitbucket Cloud: a workspace's repositories and a
// repository's pull requests (paged, filtered by state), seeded by --seed-repos or added by
// /_sim/, with ETags that change when a write touches the pull request.
#include <boost/test/unit_test.hpp>
#include <set>
#include <stdexcept>

#include "forge_sim.h"
#include "sim_client.h"

using cib::test::ForgeSim;
using cib::test::ForgeSimOptions;
using cib::test::SimClient;

namespace {

constexpr int kSeededRepositories = 25;
constexpr int kSeededPullRequests = 3;

ForgeSimOptions seeded(int repositories = kSeededRepositories,
                       int pull_requests = kSeededPullRequests) {
  ForgeSimOptions options;
  options.extra_args = {
      "--seed-repos", "acme:" + std::to_string(repositories) + ":" + std::to_string(pull_requests)};
  return options;
}

const std::string kPulls = "/repositories/acme/repo-2/pullrequests";

std::set<std::string> repository_names(const Poco::JSON::Object::Ptr& page) {
  std::set<std::string> names;
  const auto values = page->getArray("values");
  for (std::size_t i = 0; i < values->size(); ++i) {
    names.insert(values->getObject(i)->getValue<std::string>("full_name"));
  }
  return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(repo_reads)

BOOST_AUTO_TEST_CASE(a_workspace_lists_its_seeded_repositories_over_absolute_next_links) {
  ForgeSim sim(seeded());
  SimClient client(sim.origin());
  std::set<std::string> seen;
  std::string target = "/repositories/acme";
  int pages = 0;
  while (!target.empty()) {
    const auto reply = client.get(target);
    BOOST_REQUIRE(reply.status == 200);
    const auto page = reply.json();
    BOOST_TEST(page->getValue<int>("size") == kSeededRepositories);
    for (const auto& name : repository_names(page)) seen.insert(name);
    target = page->optValue<std::string>("next", "");
    if (!target.empty()) BOOST_TEST(target.rfind(sim.origin() + "/2.0/repositories/acme?", 0) == 0);
    ++pages;
  }
  BOOST_TEST(pages == 3);  // 10 + 10 + 5 at the default pagelen
  BOOST_TEST(seen.size() == static_cast<std::size_t>(kSeededRepositories));
  BOOST_TEST(seen.count("acme/repo-25") == 1u);
  BOOST_TEST(client.get("/repositories/acme?pagelen=25").json()->has("next") == false);
  BOOST_TEST(client.get("/repositories/nobody").status == 404);
}

BOOST_AUTO_TEST_CASE(a_repository_and_its_pull_requests_carry_absolute_links_of_the_simulator) {
  ForgeSim sim(seeded(2, 2));
  SimClient client(sim.origin());
  const auto repository = client.get("/repositories/acme/repo-2").json();
  BOOST_TEST(repository->getValue<std::string>("type") == "repository");
  BOOST_TEST(repository->getValue<std::string>("slug") == "repo-2");
  BOOST_TEST(repository->getObject("links")->getObject("self")->getValue<std::string>("href") ==
             sim.origin() + "/2.0/repositories/acme/repo-2");
  BOOST_TEST(repository->getObject("mainbranch")->getValue<std::string>("name") == "main");

  const auto pull = client.get(kPulls + "/2").json();
  BOOST_TEST(pull->getValue<std::string>("type") == "pullrequest");
  BOOST_TEST(pull->getValue<long>("id") == 2);
  BOOST_TEST(pull->getValue<std::string>("state") == "OPEN");
  BOOST_TEST(pull->getObject("links")->getObject("self")->getValue<std::string>("href") ==
             sim.origin() + "/2.0" + kPulls + "/2");
  BOOST_TEST(pull->getObject("source")->getObject("branch")->getValue<std::string>("name") ==
             "feature/change-2");
  BOOST_TEST(client.get(kPulls + "/3").status == 404);
  BOOST_TEST(client.get("/repositories/acme/repo-3").status == 404);
}

BOOST_AUTO_TEST_CASE(pull_requests_filter_by_repeatable_state_and_pages_keep_the_filter) {
  ForgeSim sim(seeded(2, 12));
  SimClient client(sim.origin());
  for (int id : {1, 2}) {
    sim.control("POST", "/_sim/pullrequests",
                R"({"repo":"acme/repo-2","id":)" + std::to_string(id) + R"(,"state":"MERGED"})");
  }
  sim.control("POST", "/_sim/pullrequests", R"({"repo":"acme/repo-2","id":3,"state":"DECLINED"})");

  BOOST_TEST(client.get(kPulls).json()->getValue<int>("size") == 9);  // OPEN by default
  BOOST_TEST(client.get(kPulls + "?state=MERGED").json()->getValue<int>("size") == 2);
  const auto both = client.get(kPulls + "?state=MERGED&state=OPEN").json();
  BOOST_TEST(both->getValue<int>("size") == 11);
  const auto next = both->getValue<std::string>("next");
  BOOST_TEST(next.find("state=MERGED&state=OPEN") != std::string::npos);
  const auto second = client.get(next).json();
  BOOST_TEST(second->getValue<int>("page") == 2);
  BOOST_TEST(second->getArray("values")->size() == 1u);
  BOOST_TEST(client.get(kPulls + "?state=BOGUS").status == 400);
}

BOOST_AUTO_TEST_CASE(a_matching_if_none_match_gets_304_until_a_write_changes_the_pull_request) {
  ForgeSim sim(seeded(1, 1));
  SimClient client(sim.origin());
  const std::string pull = "/repositories/acme/repo-1/pullrequests/1";
  const auto first = client.get(pull);
  const auto etag = first.header("ETag");
  BOOST_TEST(!etag.empty());

  SimClient conditional(sim.origin());
  conditional.set_header("If-None-Match", etag);
  const auto again = conditional.get(pull);
  BOOST_TEST(again.status == 304);
  BOOST_TEST(again.body.empty());
  BOOST_TEST(sim.stats()->getValue<int>("not_modified") == 1);

  BOOST_TEST(client.post(pull + "/comments", R"({"content":{"raw":"LGTM"}})").status == 201);
  const auto commented = conditional.get(pull);
  BOOST_TEST(commented.status == 200);
  BOOST_TEST(commented.json()->getValue<int>("comment_count") == 1);
  BOOST_TEST(commented.header("ETag") != etag);

  conditional.set_header("If-None-Match", commented.header("ETag"));
  BOOST_TEST(conditional.get(pull).status == 304);
  const auto renamed = client.put(pull, R"({"title":"A better title"})");
  BOOST_TEST(renamed.status == 200);
  BOOST_TEST(renamed.json()->getValue<std::string>("title") == "A better title");
  BOOST_TEST(conditional.get(pull).status == 200);
  BOOST_TEST(conditional.get("/repositories/acme/repo-1/pullrequests").status == 200);
}

BOOST_AUTO_TEST_CASE(control_endpoints_add_repositories_and_pull_requests_and_reset_reseeds) {
  ForgeSim sim(seeded(1, 0));
  SimClient client(sim.origin());
  sim.control("POST", "/_sim/repositories", R"({"workspace":"acme","slug":"web"})");
  const auto added = sim.control("POST", "/_sim/pullrequests",
                                 R"({"repo":"acme/web","title":"First","description":"d"})");
  BOOST_TEST(added.find("\"id\":1") != std::string::npos);
  BOOST_TEST(client.get("/repositories/acme").json()->getValue<int>("size") == 2);
  const auto pulls = client.get("/repositories/acme/web/pullrequests").json();
  BOOST_TEST(pulls->getArray("values")->getObject(0)->getValue<std::string>("title") == "First");
  const auto refused = [](const std::runtime_error& error) {
    return std::string(error.what()).find("400") != std::string::npos;
  };
  BOOST_CHECK_EXCEPTION(
      sim.control("POST", "/_sim/pullrequests", R"({"repo":"acme/web","state":"NOPE"})"),
      std::runtime_error, refused);

  sim.reset();
  BOOST_TEST(client.get("/repositories/acme").json()->getValue<int>("size") == 1);
  BOOST_TEST(client.get("/repositories/acme/web").status == 404);
}

BOOST_AUTO_TEST_CASE(the_request_log_records_each_read_with_its_status_and_token_digest) {
  ForgeSim sim(seeded(1, 1));
  SimClient client(sim.origin(), "Bearer poller-token");
  client.get("/repositories/acme");
  client.get("/repositories/acme/repo-9");
  const auto log = sim.requests();
  BOOST_REQUIRE(log.size() == 2u);
  BOOST_TEST(log[0]->getValue<std::string>("target") == "/2.0/repositories/acme");
  BOOST_TEST(log[0]->getValue<int>("status") == 200);
  BOOST_TEST(log[1]->getValue<int>("status") == 404);
  const auto token = log[0]->getValue<std::string>("token");
  BOOST_TEST(token.size() == 12u);
  BOOST_TEST(token.find("poller") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
