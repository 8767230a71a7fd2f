// The provider's memory of listed pull requests: bounded, least recently used forgotten first.
#include "providers/comment_index.h"

#include <boost/test/unit_test.hpp>

#include "providers/comment_marker.h"

namespace cib::bitbucket_cloud {

BOOST_AUTO_TEST_SUITE(comment_index)

BOOST_AUTO_TEST_CASE(a_listed_pr_answers_for_every_key_and_an_unlisted_one_for_none) {
  CommentIndex index;
  index.store("acme/web", 42, {{"lint", {"12", "d"}}});
  BOOST_TEST(index.knows("acme/web", 42));
  BOOST_TEST(!index.knows("acme/web", 43));
  BOOST_TEST(!index.knows("acme/api", 42));
  BOOST_REQUIRE(index.find("acme/web", 42, "lint"));
  BOOST_TEST(index.find("acme/web", 42, "lint")->id == "12");
  BOOST_TEST(!index.find("acme/web", 42, "coverage"));
}

BOOST_AUTO_TEST_CASE(the_least_recently_used_pr_is_forgotten_beyond_the_bound) {
  CommentIndex index(2);
  index.store("r/a", 1, {});
  index.store("r/a", 2, {});
  BOOST_TEST(index.knows("r/a", 1));  // 1 is now the most recently used
  index.store("r/a", 3, {});
  BOOST_TEST(index.size() == 2u);
  BOOST_TEST(index.knows("r/a", 1));
  BOOST_TEST(!index.knows("r/a", 2));
  BOOST_TEST(index.knows("r/a", 3));
}

BOOST_AUTO_TEST_CASE(remembering_needs_a_listed_pr_and_forgetting_drops_the_key) {
  CommentIndex index;
  index.remember("r/a", 1, "k", {"7", "d"});
  BOOST_TEST(!index.knows("r/a", 1));  // one key says nothing about the PR's others
  index.store("r/a", 1, {});
  index.remember("r/a", 1, "k", {"7", "d"});
  BOOST_TEST(index.find("r/a", 1, "k")->id == "7");
  index.forget("r/a", 1, "k");
  BOOST_TEST(!index.find("r/a", 1, "k"));
  BOOST_TEST(index.knows("r/a", 1));
}

BOOST_AUTO_TEST_CASE(marker_keys_are_whole_marker_lines_only) {
  const std::string raw = "Coverage\r\n\n" + comment_marker("cov-1") + "\r\n" +
                          "text [//]: # (cibatch:inline)\n" + comment_marker("b)c");
  BOOST_TEST(marker_keys(raw) == (std::vector<std::string>{"cov-1", "b)c"}),
             boost::test_tools::per_element());
  BOOST_TEST(marker_keys(marked_comment("x", "k")) == (std::vector<std::string>{"k"}),
             boost::test_tools::per_element());
}

// Any key, control characters and line breaks included, reads back from its marker, which stays
// one line; keys that earlier versions wrote raw keep the same marker, so theirs are found.
BOOST_AUTO_TEST_CASE(every_key_round_trips_through_its_one_line_marker) {
  const std::vector<std::string> keys = {"multi\nline",
                                         "cr\r\nlf",
                                         "tab\there",
                                         std::string("nul\0byte", 8),
                                         "\x01\x1f\x7f",
                                         "nel\xc2\x85",
                                         "ls\xe2\x80\xa8ps\xe2\x80\xa9",
                                         "50%",
                                         "%",
                                         "%%",
                                         "a%0Ab",
                                         "%41%zz",
                                         "b)c",
                                         "x]y",
                                         "`tick`",
                                         "#hash",
                                         "with space",
                                         "trailing)",
                                         "\xc3\xbcnicode",
                                         "(cibatch:nested)",
                                         "\n",
                                         "end\n"};
  for (const std::string& key : keys) {
    BOOST_TEST_CONTEXT("key #" << (&key - keys.data())) {
      const std::string marker = comment_marker(key);
      BOOST_TEST(marker.find_first_of("\r\n") == std::string::npos);
      BOOST_TEST(marker_keys(marked_comment("body", key)) == (std::vector<std::string>{key}),
                 boost::test_tools::per_element());
    }
  }
}

BOOST_AUTO_TEST_CASE(keys_that_round_tripped_before_keep_their_marker) {
  for (const std::string key : {"coverage", "b)c", "x]y", "`tick`", "#hash", "with space", "50%",
                                "%zz", "\xc3\xbcnicode"}) {
    BOOST_TEST(comment_marker(key) == "[//]: # (cibatch:" + key + ")");
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::bitbucket_cloud
