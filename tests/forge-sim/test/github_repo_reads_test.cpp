// forge-sim as GitHub: the reads polling tools make (a repository, its pull requests paged by
// Link, an organisation's and the user's repositories), seeded by --seed-repos, with ETags whose
// 304s do not count against the rate limit.
#include <boost/test/unit_test.hpp>

#include "github_sim.h"

using cib::test::ForgeSimOptions;
using cib::test::GithubSim;
using cib::test::SimClient;

namespace {

constexpr int kRateLimit = 100;

ForgeSimOptions seeded(const std::string& seed) {
  ForgeSimOptions options;
  options.rate_limit = kRateLimit;
  options.extra_args = {"--seed-repos", seed};
  return options;
}

// The URL of rel="next" in a Link header, or "" when none.
std::string next_link(const std::string& link) {
  const auto rel = link.find("rel=\"next\"");
  if (rel == std::string::npos) return "";
  const auto open = link.rfind('<', rel);
  const auto close = link.find('>', open);
  return link.substr(open + 1, close - open - 1);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(github_repo_reads)

BOOST_AUTO_TEST_CASE(an_organisations_repositories_page_by_link) {
  GithubSim gh(seeded("acme:25:1"));
  std::string target = gh.api("/orgs/acme/repos?per_page=10");
  std::size_t listed = 0;
  int pages = 0;
  while (!target.empty()) {
    const auto reply = gh.client.get(target);
    BOOST_REQUIRE(reply.status == 200);
    listed += reply.json_array()->size();
    target = next_link(reply.header("Link"));
    if (!target.empty()) BOOST_TEST(target.rfind(gh.sim.origin() + "/orgs/acme/repos?", 0) == 0);
    ++pages;
  }
  BOOST_TEST(pages == 3);
  BOOST_TEST(listed == 25u);
  BOOST_TEST(gh.client.get(gh.api("/user/repos?per_page=100")).json_array()->size() == 25u);
  BOOST_TEST(gh.client.get(gh.api("/orgs/nobody/repos")).status == 404);
}

BOOST_AUTO_TEST_CASE(a_repository_and_its_open_pulls_in_github_shape) {
  GithubSim gh(seeded("acme:2:3"));
  const auto repo = gh.client.get(gh.api("/repos/acme/repo-1")).json();
  BOOST_TEST(repo->getValue<std::string>("full_name") == "acme/repo-1");
  BOOST_TEST(repo->getValue<std::string>("url") == gh.sim.origin() + "/repos/acme/repo-1");
  BOOST_TEST(repo->getValue<std::string>("default_branch") == "main");

  gh.sim.control("POST", "/_sim/pullrequests", R"({"repo":"acme/repo-1","id":2,"state":"MERGED"})");
  const auto open = gh.client.get(gh.api("/repos/acme/repo-1/pulls")).json_array();
  BOOST_TEST(open->size() == 2u);
  BOOST_TEST(open->getObject(0)->getValue<std::string>("state") == "open");
  const auto closed = gh.client.get(gh.api("/repos/acme/repo-1/pulls?state=closed")).json_array();
  BOOST_REQUIRE(closed->size() == 1u);
  BOOST_TEST(closed->getObject(0)->getValue<long>("number") == 2);
  BOOST_TEST(!closed->getObject(0)->isNull("merged_at"));
  BOOST_TEST(gh.client.get(gh.api("/repos/acme/repo-1/pulls?state=all")).json_array()->size() ==
             3u);
  BOOST_TEST(gh.client.get(gh.api("/repos/acme/repo-1/pulls?state=bogus")).status == 422);
  BOOST_TEST(gh.client.get(gh.api("/api/v3/repos/acme/repo-1/pulls/1"))
                 .json()
                 ->getValue<std::string>("url") ==
             gh.sim.origin() + "/api/v3/repos/acme/repo-1/pulls/1");
  BOOST_TEST(gh.client.get(gh.api("/repos/acme/repo-9")).status == 404);
}

BOOST_AUTO_TEST_CASE(a_304_is_not_counted_and_a_write_changes_the_etag) {
  GithubSim gh(seeded("acme:1:2"));
  const auto pulls = gh.api("/repos/acme/repo-1/pulls");
  const auto first = gh.client.get(pulls);
  const auto etag = first.header("ETag");
  BOOST_TEST(!etag.empty());
  const auto remaining = first.header("x-ratelimit-remaining");

  SimClient conditional(gh.sim.origin());
  conditional.set_header("If-None-Match", etag);
  const auto again = conditional.get(pulls);
  BOOST_TEST(again.status == 304);
  BOOST_TEST(again.header("x-ratelimit-remaining") == remaining);
  BOOST_TEST(gh.sim.stats()->getValue<int>("not_modified") == 1);

  const auto renamed =
      gh.client.send("PATCH", gh.api("/repos/acme/repo-1/pulls/1"), R"({"title":"Renamed"})");
  BOOST_TEST(renamed.status == 200);
  BOOST_TEST(renamed.json()->getValue<std::string>("title") == "Renamed");
  const auto changed = conditional.get(pulls);
  BOOST_TEST(changed.status == 200);
  BOOST_TEST(changed.header("ETag") != etag);

  conditional.set_header("If-None-Match", changed.header("ETag"));
  BOOST_TEST(
      gh.client.post(gh.api("/repos/acme/repo-1/issues/2/comments"), R"({"body":"hi"})").status ==
      201);
  BOOST_TEST(conditional.get(pulls).status == 200);  // the comment touched pull request 2
}

BOOST_AUTO_TEST_SUITE_END()
