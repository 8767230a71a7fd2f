// Every field that becomes a part of a request's path is refused at the ABI when a proxy or
// server that normalises paths could read it as another path: empty, "." and ".." parts,
// control characters and the characters that end or escape a path segment.
#include <string>

#include "capi_support.h"

namespace cib::capi {
namespace {

struct PathFixture {
  cibatch::Client client = quiet_client();
  cib_build_status status = valid_status();
  ValidReport report;

  cib_status post_status(Errstr& e) {
    return cib_client_post_status(client.get(), &status, 7, 0, e.data(), e.size());
  }
  cib_status post_report(Errstr& e) {
    return cib_client_post_report(client.get(), &report.report, 7, 0, e.data(), e.size());
  }
};

const char* const kBadRepos[] = {"./.",          "../x",       "acme/..",   "acme/.",
                                 "acme//web",    "./web",      "acme/../x", "acme/we?b",
                                 "acme/w#b",     "acme/w%2Fb", "acme\\web", "acme/\x01web",
                                 "acme/\x7fweb", "ac\nme/web"};

const char* const kBadSegments[] = {".", "..", "a/b", "c?d", "c#d", "c%2e", "c\\d", "c\td"};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(path_segments, PathFixture)

BOOST_AUTO_TEST_CASE(repos_with_dot_or_empty_parts_or_path_characters_are_refused) {
  for (const char* repo : kBadRepos) {
    BOOST_TEST_CONTEXT("repo " << repo) {
      status.repo = repo;
      Errstr e;
      CIB_CHECK_REFUSED(post_status(e), CIB_ERR_INVALID_ARGUMENT, e, "cib_client_post_status",
                        "status->repo");
    }
  }
}

BOOST_AUTO_TEST_CASE(commits_that_are_dot_segments_or_hold_path_characters_are_refused) {
  for (const char* commit : kBadSegments) {
    BOOST_TEST_CONTEXT("commit " << commit) {
      status = valid_status();
      status.commit = commit;
      Errstr e;
      CIB_CHECK_REFUSED(post_status(e), CIB_ERR_INVALID_ARGUMENT, e, "cib_client_post_status",
                        "status->commit");
      report.report.commit = commit;
      Errstr r;
      CIB_CHECK_REFUSED(post_report(r), CIB_ERR_INVALID_ARGUMENT, r, "cib_client_post_report",
                        "report->commit");
    }
  }
}

BOOST_AUTO_TEST_CASE(report_and_annotation_ids_that_are_dot_segments_are_refused) {
  for (const char* id : {".", ".."}) {
    BOOST_TEST_CONTEXT("id " << id) {
      report.report.id = id;
      Errstr e;
      CIB_CHECK_REFUSED(post_report(e), CIB_ERR_INVALID_ARGUMENT, e, "cib_client_post_report",
                        "report->id");
      report.report.id = "sonar";
      report.annotations[1].id = id;
      Errstr a;
      CIB_CHECK_REFUSED(post_report(a), CIB_ERR_INVALID_ARGUMENT, a, "cib_client_post_report",
                        "report->annotations[1]->id");
      report.annotations[1].id = "AX-2";
    }
  }
}

// Ids are percent-encoded into one segment, so dots inside them and every other character stay.
BOOST_AUTO_TEST_CASE(ids_and_keys_with_dots_inside_are_accepted) {
  report.report.id = "sonar.main..scan";
  report.annotations[0].id = "...";
  Errstr r;
  check_accepted(post_report(r), r);
  status.repo = "acme.corp/web.site";
  status.key = "..";  // a status key travels in the body, never in the path
  Errstr s;
  check_accepted(post_status(s), s);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::capi
