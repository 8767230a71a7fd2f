#include "progress_bar.h"

#include <boost/test/unit_test.hpp>
#include <sstream>
#include <string>

namespace cib::cli {
namespace {

using std::chrono::milliseconds;

std::size_t count_of(const std::string& text, char c) {
  std::size_t n = 0;
  for (char x : text) n += x == c ? 1 : 0;
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(progress_bar)

BOOST_AUTO_TEST_CASE(short_times_show_tenths_and_long_ones_whole_seconds) {
  BOOST_TEST(format_seconds(milliseconds(0)) == "0.0 s");
  BOOST_TEST(format_seconds(milliseconds(1449)) == "1.4 s");
  BOOST_TEST(format_seconds(milliseconds(1450)) == "1.5 s");
  BOOST_TEST(format_seconds(milliseconds(9949)) == "9.9 s");
  BOOST_TEST(format_seconds(milliseconds(9950)) == "10 s");
  BOOST_TEST(format_seconds(milliseconds(12499)) == "12 s");
  BOOST_TEST(format_seconds(milliseconds(600000)) == "600 s");
  BOOST_TEST(format_seconds(milliseconds(-5)) == "0.0 s");
}

BOOST_AUTO_TEST_CASE(line_fills_the_width_with_a_bar_in_proportion_to_done) {
  const std::string line = progress_line(3, 12, milliseconds(3200), 60);
  BOOST_TEST(line.size() == 60u);
  BOOST_TEST(line.rfind("draining [", 0) == 0);
  BOOST_TEST(line.substr(line.size() - 14) == "]  3/12  3.2 s");
  const std::size_t cells = count_of(line, '#') + count_of(line, '.') - 1;  // "3.2" has a dot
  BOOST_TEST(cells ==
             60u - std::string("draining [] ").size() - std::string(" 3/12  3.2 s").size());
  BOOST_TEST(count_of(line, '#') == cells * 3 / 12);
}

BOOST_AUTO_TEST_CASE(whole_line_is_exact_for_a_known_width) {
  BOOST_TEST(progress_line(5, 10, milliseconds(1000), 36) ==
             "draining [######......]  5/10  1.0 s");
}

BOOST_AUTO_TEST_CASE(done_is_padded_to_the_width_of_total_so_the_line_keeps_its_length) {
  const std::string early = progress_line(7, 120, milliseconds(900), 50);
  const std::string late = progress_line(110, 120, milliseconds(900), 50);
  BOOST_TEST(early.size() == late.size());
  BOOST_TEST(early.find("  7/120") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(all_done_fills_the_bar_and_none_done_leaves_it_empty) {
  const std::string full = progress_line(12, 12, milliseconds(0), 50);
  const std::string empty = progress_line(0, 12, milliseconds(0), 50);
  BOOST_TEST(full.find("[#") != std::string::npos);
  BOOST_TEST(full.find("#]") != std::string::npos);
  BOOST_TEST(full.find("[.") == std::string::npos);
  BOOST_TEST(empty.find("[.") != std::string::npos);
  BOOST_TEST(count_of(empty, '#') == 0u);
}

BOOST_AUTO_TEST_CASE(nothing_to_drain_reads_as_complete) {
  const std::string line = progress_line(0, 0, milliseconds(100), 40);
  BOOST_TEST(line.find("#]") != std::string::npos);
  BOOST_TEST(line.find("0/0") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(done_beyond_total_is_capped) {
  BOOST_TEST(progress_line(15, 12, milliseconds(0), 50) ==
             progress_line(12, 12, milliseconds(0), 50));
}

BOOST_AUTO_TEST_CASE(narrow_width_drops_the_bar_then_cuts_the_line) {
  BOOST_TEST(progress_line(3, 12, milliseconds(3200), 30) == "draining  3/12  3.2 s");
  BOOST_TEST(progress_line(3, 12, milliseconds(3200), 12) == "draining  3/");
  BOOST_TEST(progress_line(3, 12, milliseconds(3200), 0).empty());
}

BOOST_AUTO_TEST_CASE(bar_appears_once_it_gets_its_minimum_cells) {
  const std::size_t without = std::string("draining []  3/12  3.2 s").size();
  BOOST_TEST(count_of(progress_line(3, 12, milliseconds(3200), without + kMinBarCells), '[') == 1u);
  BOOST_TEST(count_of(progress_line(3, 12, milliseconds(3200), without + kMinBarCells - 1), '[') ==
             0u);
}

BOOST_AUTO_TEST_CASE(disabled_bar_writes_nothing) {
  std::ostringstream out;
  {
    ProgressBar bar(out, false, 40);
    bar.draw(1, 2, milliseconds(10));
    bar.clear();
  }
  BOOST_TEST(out.str().empty());
}

BOOST_AUTO_TEST_CASE(redraw_returns_to_the_line_start) {
  std::ostringstream out;
  ProgressBar bar(out, true, 200);
  bar.draw(1, 2, milliseconds(10));
  BOOST_TEST(out.str() == "\r" + progress_line(1, 2, milliseconds(10), 200));
  out.str("");
  bar.draw(2, 2, milliseconds(20));
  BOOST_TEST(out.str() == "\r" + progress_line(2, 2, milliseconds(20), 200));
}

BOOST_AUTO_TEST_CASE(shorter_line_is_padded_over_the_longer_one_before_it) {
  std::ostringstream out;
  ProgressBar bar(out, true, 30);
  bar.draw(3, 12, milliseconds(9900));
  out.str("");
  bar.draw(3, 12, milliseconds(10000));
  BOOST_TEST(out.str() == "\rdraining  3/12  10 s ");
}

BOOST_AUTO_TEST_CASE(clear_blanks_what_was_drawn_and_only_once) {
  std::ostringstream out;
  ProgressBar bar(out, true, 30);
  bar.draw(3, 12, milliseconds(3200));
  out.str("");
  bar.clear();
  BOOST_TEST(out.str() == "\r" + std::string(21, ' ') + "\r");
  out.str("");
  bar.clear();
  BOOST_TEST(out.str().empty());
}

BOOST_AUTO_TEST_CASE(destruction_clears_a_line_left_on_screen) {
  std::ostringstream out;
  {
    ProgressBar bar(out, true, 30);
    bar.draw(3, 12, milliseconds(3200));
    out.str("");
  }
  BOOST_TEST(out.str() == "\r" + std::string(21, ' ') + "\r");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::cli
