// The provider's memory of listed pull requests: bounded, least recently used forgotten first.
#include "providers/bitbucket_cloud/comment_index.h"

#include <boost/test/unit_test.hpp>

#include "providers/bitbucket_cloud/comment_lookup.h"

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

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::bitbucket_cloud
