#include "core/summary_comments.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace cib {

BOOST_AUTO_TEST_SUITE(summary_comments)

BOOST_AUTO_TEST_CASE(keyed_comments_of_one_pr_merge_into_one_slot) {
  SummaryComments summaries;
  const SlotId coverage{SlotKind::comment, "acme/web", "", 42, "coverage"};
  SlotId lint = coverage;
  lint.key = "lint";
  summaries.merge(coverage, "81%", nullptr);
  const auto merged = summaries.merge(lint, "3 warnings", nullptr);
  BOOST_TEST(merged.first.key == SummaryComments::kSlotKey);
  BOOST_TEST(merged.second.body.find("#### coverage\n\n81%") != std::string::npos);
  BOOST_TEST(merged.second.body.find("#### lint\n\n3 warnings") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_newer_body_replaces_its_section) {
  SummaryComments summaries;
  const SlotId coverage{SlotKind::comment, "acme/web", "", 42, "coverage"};
  summaries.merge(coverage, "81%", nullptr);
  const auto merged = summaries.merge(coverage, "82%", nullptr);
  BOOST_TEST(merged.second.body == "[//]: # (cibatch-section:coverage)\n#### coverage\n\n82%");
}

BOOST_AUTO_TEST_CASE(after_a_restart_the_sections_of_the_known_body_are_kept) {
  SummaryComments before;
  const SlotId coverage{SlotKind::comment, "acme/web", "", 42, "coverage"};
  SlotId lint = coverage;
  lint.key = "lint";
  before.merge(coverage, "81%\n\n---\n\nwith a rule inside", nullptr);
  const std::string known = before.merge(lint, "3 warnings", nullptr).second.body;

  SummaryComments after;  // a new process, which only knows the merged text
  SlotId tests = coverage;
  tests.key = "tests";
  const auto merged = after.merge(tests, "all green", [&known](const SlotId& slot) {
    BOOST_TEST(slot.key == SummaryComments::kSlotKey);
    return known;
  });
  const auto sections = SummaryComments::sections_of(merged.second.body);
  BOOST_REQUIRE(sections.size() == 3u);
  BOOST_TEST(sections.at("coverage") == "81%\n\n---\n\nwith a rule inside");
  BOOST_TEST(sections.at("lint") == "3 warnings");
  BOOST_TEST(sections.at("tests") == "all green");
}

BOOST_AUTO_TEST_CASE(every_key_reads_back_from_the_merged_text) {
  SummaryComments before;
  const std::vector<std::string> keys = {"multi\nline", "cr\r\nlf",  "paren)\nend", "100%0A",
                                         "tab\there",   "plain key", "a)b]c`#d"};
  const SlotId first{SlotKind::comment, "acme/web", "", 42, keys.front()};
  std::string known;
  for (const std::string& key : keys) {
    SlotId id = first;
    id.key = key;
    known = before.merge(id, "text of " + key, nullptr).second.body;
  }
  // Every marker is one line: a new process finds every section under its own key.
  const auto sections = SummaryComments::sections_of(known);
  BOOST_TEST(sections.size() == keys.size());
  for (const std::string& key : keys) {
    BOOST_TEST_INFO("key " << key);
    BOOST_TEST_REQUIRE(sections.count(key) == 1u);
    BOOST_TEST(sections.at(key) == "text of " + key);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib
