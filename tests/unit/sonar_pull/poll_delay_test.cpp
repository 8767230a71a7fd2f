// How often pull mode asks for a compute-engine task: at once, then never faster than once a
// second, backing off to once every 5 s.
#include <boost/test/unit_test.hpp>

#include "sonar_pull/analysis_pull.h"

namespace cib::sonar {
namespace {

BOOST_AUTO_TEST_SUITE(poll_delay)

BOOST_AUTO_TEST_CASE(the_first_poll_is_immediate_then_at_least_a_second_apart) {
  BOOST_TEST(task_poll_delay(0).count() == 0);
  Duration previous = task_poll_delay(1);
  BOOST_TEST(previous.count() == 1000);
  for (int poll = 2; poll < 1000; ++poll) {
    const Duration delay = task_poll_delay(poll);
    BOOST_TEST(delay.count() >= previous.count());
    BOOST_TEST(delay.count() <= 5000);
    previous = delay;
  }
  BOOST_TEST(task_poll_delay(1000).count() == 5000);
}

BOOST_AUTO_TEST_CASE(the_note_names_what_the_search_window_hid) {
  PulledAnalysis pulled;
  pulled.issues_total = 9000;
  BOOST_TEST(left_out_note(pulled).empty());
  pulled.issues_total = 12345;
  pulled.issues_left_out = 2345;
  BOOST_TEST(left_out_note(pulled) ==
             "SonarQube lists at most 10000 issues of one search: 2345 of the 12345 open issues "
             "are not shown.");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::sonar
