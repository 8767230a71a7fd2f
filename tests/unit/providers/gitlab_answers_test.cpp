#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "providers/gitlab/answers.h"
#include "providers/gitlab/merge_request_lookup.h"

namespace cib::gitlab {

BOOST_AUTO_TEST_SUITE(gitlab_answers)

BOOST_AUTO_TEST_CASE(a_refused_transition_names_the_state_the_status_holds) {
  BOOST_TEST(transition_from_state("Cannot transition status via :run from :running") == "running");
  BOOST_TEST(transition_from_state("Cannot transition status via :drop from :failed (Reason(s): "
                                   "Status cannot transition via \"drop\".)") == "failed");
  BOOST_TEST(transition_from_state("Cannot transition status via :run") == "");
  BOOST_TEST(transition_from_state("state is invalid") == "");
  BOOST_TEST(transition_from_state("") == "");
}

BOOST_AUTO_TEST_CASE(error_messages_are_strings_or_objects_written_as_json) {
  BOOST_TEST(error_message(R"({"message":"404 Project Not Found"})") == "404 Project Not Found");
  BOOST_TEST(error_message(R"({"message":{"state":["is invalid"]}})") ==
             R"({"state":["is invalid"]})");
  BOOST_TEST(error_message("<html>Bad gateway</html>") == "");
  BOOST_TEST(error_message(R"(["message"])") == "");
}

BOOST_AUTO_TEST_CASE(notes_and_merge_requests_are_read_from_arrays) {
  const auto notes = read_notes(R"([{"id":5,"body":"a"},{"id":6,"body":null}])");
  BOOST_TEST_REQUIRE(notes.size() == 2u);
  BOOST_TEST(notes[0].id == "5");
  BOOST_TEST(notes[1].body == "");
  BOOST_CHECK_THROW(read_notes(R"({"id":5})"), std::runtime_error);
  BOOST_CHECK_THROW(read_note(R"({"id":"5"})"), std::runtime_error);
  const auto mrs = read_merge_requests(R"([{"iid":3,"state":"opened"}])");
  BOOST_TEST_REQUIRE(mrs.size() == 1u);
  BOOST_TEST(mrs[0].iid == 3);
  BOOST_CHECK_THROW(read_merge_requests(R"([{"state":"opened"}])"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(the_merge_request_cache_is_bounded) {
  MergeRequestCache cache(2);
  cache.store("acme/web", "a1", 1);
  cache.store("acme/web", "a2", 2);
  BOOST_TEST(cache.find("acme/web", "a2").value() == 2);
  BOOST_TEST(!cache.find("acme/app", "a2").has_value());
  cache.store("acme/web", "a3", 3);  // full: everything is forgotten first
  BOOST_TEST(!cache.find("acme/web", "a1").has_value());
  BOOST_TEST(cache.find("acme/web", "a3").value() == 3);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::gitlab
