#include <boost/test/unit_test.hpp>
#include <functional>

#include "sonar/gate_reader.h"
#include "sonar/issues_reader.h"
#include "sonar/measures_reader.h"
#include "sonar/sarif_reader.h"
#include "sonar/sonar_error.h"
#include "sonar_fixtures.h"

namespace cib::sonar {
namespace {

using Reader = std::function<void(const std::string&)>;

// Reads `text`; anything thrown but a SonarError is a failure, named with `what`.
void expect_read_or_refused(const Reader& read, const std::string& text, const std::string& what) {
  try {
    read(text);
  } catch (const SonarError&) {
  } catch (const std::exception& e) {
    BOOST_ERROR(what << ": threw something other than SonarError: " << e.what());
  }
}

// Every 7th prefix of the fixture, and every 13th byte replaced by characters that change a
// value's type or break the UTF-8 or the JSON.
void check_damaged_copies(const std::string& name, const Reader& read) {
  const std::string text = test::fixture(name);
  for (std::size_t length = 0; length < text.size(); length += 7) {
    expect_read_or_refused(read, text.substr(0, length),
                           name + " cut at " + std::to_string(length));
  }
  for (std::size_t at = 0; at < text.size(); at += 13) {
    for (const char replacement : {'"', '{', ']', '1', 'n', '\xff', '\\'}) {
      std::string damaged = text;
      damaged[at] = replacement;
      expect_read_or_refused(read, damaged, name + " byte " + std::to_string(at) + " replaced");
    }
  }
}

void read_pages(const std::string& text) {
  read_issue_pages({text, text});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(robustness)

BOOST_AUTO_TEST_CASE(damaged_issue_pages_are_read_or_refused) {
  check_damaged_copies("issues_page1.json", read_pages);
  check_damaged_copies("issues_page2.json", read_pages);
  check_damaged_copies("issues_impacts_10x.json", read_pages);
  check_damaged_copies("hotspots.json", read_pages);
}

BOOST_AUTO_TEST_CASE(damaged_gates_and_measures_are_read_or_refused) {
  check_damaged_copies("gate_error.json", [](const std::string& text) { read_gate(text); });
  check_damaged_copies("measures.json", [](const std::string& text) { read_measures(text, 10); });
}

BOOST_AUTO_TEST_CASE(damaged_sarif_is_read_or_refused) {
  check_damaged_copies("sarif_codeql.json", [](const std::string& text) { read_sarif(text); });
  check_damaged_copies("sarif_eslint.json", [](const std::string& text) { read_sarif(text); });
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace cib::sonar
