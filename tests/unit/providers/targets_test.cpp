// Request targets hold only what Bitbucket Cloud accepts in each path part, so no part can be
// read as "." or ".." by a proxy or server that normalises paths.
#include "providers/bitbucket_cloud/targets.h"

#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace cib::test {

using namespace cib::bitbucket_cloud;

namespace {

const std::string kSha = "3f2c6b1e9a0d4c8b7e5f2a1d0c9b8a7f6e5d4c3b";

}  // namespace

BOOST_AUTO_TEST_SUITE(targets)

BOOST_AUTO_TEST_CASE(workspace_and_slug_hold_only_bitbucket_characters) {
  BOOST_TEST(status_target("acme-corp_1/web.site-2_x", kSha) ==
             "/repositories/acme-corp_1/web.site-2_x/commit/" + kSha + "/statuses/build");
  for (const std::string repo :
       {"./.", "../x", "acme/..", "acme/.", "../..", "acme/we b", "acme/w%2Fb", "ac.me/web",
        "acme/web/more", "acme/w?b", "acme/w#b", "acme/w\\b", "acme/w\nb", "/web", "acme/"}) {
    BOOST_TEST_CONTEXT("repo " << repo) {
      BOOST_CHECK_THROW(status_target(repo, kSha), std::invalid_argument);
      BOOST_CHECK_THROW(comments_target(repo, 42), std::invalid_argument);
    }
  }
}

BOOST_AUTO_TEST_CASE(workspace_and_slug_may_be_uuids_in_braces) {
  const std::string uuid = "{8a3c1e2f-1b4d-4c5e-9f60-718293a4b5c6}";
  BOOST_TEST(comments_target(uuid + "/" + uuid, 7) ==
             "/repositories/%7B8a3c1e2f-1b4d-4c5e-9f60-718293a4b5c6%7D/"
             "%7B8a3c1e2f-1b4d-4c5e-9f60-718293a4b5c6%7D/pullrequests/7/comments");
  BOOST_CHECK_THROW(comments_target("{../x}/web", 7), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(commits_are_7_to_40_hex_digits) {
  BOOST_TEST(status_target("acme/web", "abc1234") ==
             "/repositories/acme/web/commit/abc1234/statuses/build");
  BOOST_TEST(status_target("acme/web", "ABCDEF0") ==
             "/repositories/acme/web/commit/ABCDEF0/statuses/build");
  for (const std::string& commit : std::vector<std::string>{
           ".", "..", "abc123", kSha + "0", "abc123g", "../../x", "main", "abc1234/.."}) {
    BOOST_TEST_CONTEXT("commit " << commit) {
      BOOST_CHECK_THROW(status_target("acme/web", commit), std::invalid_argument);
      BOOST_CHECK_THROW(report_target("acme/web", commit, "sonar"), std::invalid_argument);
    }
  }
}

BOOST_AUTO_TEST_CASE(report_and_annotation_ids_never_become_dot_segments) {
  BOOST_TEST(report_target("acme/web", kSha, "a.b/c d") ==
             "/repositories/acme/web/commit/" + kSha + "/reports/a.b%2Fc%20d");
  BOOST_TEST(annotation_target("acme/web", kSha, "sonar", "...") ==
             "/repositories/acme/web/commit/" + kSha + "/reports/sonar/annotations/...");
  for (const std::string id : {".", ".."}) {
    BOOST_TEST_CONTEXT("id " << id) {
      BOOST_CHECK_THROW(report_target("acme/web", kSha, id), std::invalid_argument);
      BOOST_CHECK_THROW(annotations_target("acme/web", kSha, id), std::invalid_argument);
      BOOST_CHECK_THROW(annotation_target("acme/web", kSha, "sonar", id), std::invalid_argument);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_comment_id_is_the_hosts_number) {
  BOOST_TEST(comment_target("acme/web", 42, "1001") ==
             "/repositories/acme/web/pullrequests/42/comments/1001");
  for (const std::string id : {"..", ".", "", "12a", "1/2"}) {
    BOOST_TEST_CONTEXT("id " << id) {
      BOOST_CHECK_THROW(comment_target("acme/web", 42, id), std::invalid_argument);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::test
