// cib_client_post_sonar reads a whole analysis before it accepts anything: Web API answers or a
// SARIF document are posted as report slots, and every kind of bad input is refused with a
// status and a message that names the input and the field.
#include <cstdint>
#include <string>
#include <vector>

#include "capi_support.h"

namespace cib::capi {
namespace {

constexpr const char* kPost = "cib_client_post_sonar";

std::string issue_json(const std::string& key, const std::string& line, const std::string& project,
                       const std::string& message = "Remove this unused variable") {
  return "{\"key\":\"" + key + "\",\"rule\":\"c:S1481\",\"severity\":\"MAJOR\",\"component\":\"" +
         project + ":src/main.c\",\"project\":\"" + project + "\",\"line\":" + line +
         ",\"message\":\"" + message + "\",\"type\":\"BUG\",\"status\":\"OPEN\"}";
}

// A page of `count` issues keyed prefix-0, prefix-1, ... of project "web".
std::string page_json(const std::string& prefix, std::size_t count,
                      const std::string& project = "web") {
  std::string issues;
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) issues += ',';
    issues += issue_json(prefix + "-" + std::to_string(i), std::to_string(i + 1), project);
  }
  return "{\"total\":" + std::to_string(count) + ",\"p\":1,\"ps\":500,\"issues\":[" + issues + "]}";
}

const char* const kGate =
    "{\"projectStatus\":{\"status\":\"ERROR\",\"conditions\":[{\"status\":\"ERROR\","
    "\"metricKey\":\"new_coverage\",\"comparator\":\"LT\",\"errorThreshold\":\"80\","
    "\"actualValue\":\"71.2\"}]}}";
const char* const kMeasures =
    "{\"component\":{\"key\":\"web\",\"measures\":[{\"metric\":\"coverage\",\"value\":\"83.4\"},"
    "{\"metric\":\"new_bugs\",\"period\":{\"index\":1,\"value\":\"2\"}}]}}";

std::string sarif_run(const std::string& tool, const std::string& message) {
  return "{\"tool\":{\"driver\":{\"name\":\"" + tool +
         "\"}},\"results\":[{\"ruleId\":\"r1\",\"level\":\"error\",\"message\":{\"text\":\"" +
         message +
         "\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"src/a.js\"},"
         "\"region\":{\"startLine\":3}}}]}]}";
}

std::string sarif_json(const std::vector<std::string>& runs, const std::string& version = "2.1.0") {
  std::string joined;
  for (const std::string& run : runs) joined += (joined.empty() ? "" : ",") + run;
  return "{\"version\":\"" + version + "\",\"runs\":[" + joined + "]}";
}

// A valid analysis: two pages, the gate and the measures; texts owned here.
struct SonarFixture {
  cibatch::Client client = quiet_client();
  std::vector<std::string> texts{page_json("A", 3), page_json("B", 2)};
  std::vector<const char*> pages;
  cib_sonar sonar = CIB_SONAR_INIT;

  SonarFixture() {
    sonar.repo = "acme/web";
    sonar.commit = "3f2c6b1e9a0d4c8b7e5f2a1d0c9b8a7f6e5d4c3b";
    sonar.pr = 42;
    sonar.gate = kGate;
    sonar.measures = kMeasures;
    sonar.server_url = "https://sonar.example";
    sonar.dashboard_url = "https://sonar.example/dashboard?id=web";
    use_pages();
  }
  void use_pages() {
    pages.clear();
    for (const std::string& text : texts) pages.push_back(text.c_str());
    sonar.issue_pages = pages.data();
    sonar.issue_page_count = pages.size();
  }
  void use_sarif(const std::string& document) {
    texts = {document};
    sonar.issue_pages = nullptr;
    sonar.issue_page_count = 0;
    sonar.gate = nullptr;
    sonar.measures = nullptr;
    sonar.sarif = texts[0].c_str();
  }
  cib_status post(Errstr& e, uint32_t flags = 0) {
    return cib_client_post_sonar(client.get(), &sonar, 7, flags, e.data(), e.size());
  }
  // Refused with INVALID_ARGUMENT naming field (and also holding `detail`), nothing pending.
  void check_bad_input(const char* field, const std::string& detail = "") {
    Errstr e;
    CIB_CHECK_REFUSED(post(e), CIB_ERR_INVALID_ARGUMENT, e, kPost, field);
    BOOST_TEST(e.str().find(detail) != std::string::npos, e.str());
    BOOST_TEST(stat_counter(client, "pending") == 0);
    BOOST_TEST(stat_counter(client, "calls") == 0);
  }
};

BOOST_FIXTURE_TEST_SUITE(post_sonar, SonarFixture)

BOOST_AUTO_TEST_CASE(pages_gate_and_measures_are_one_report_slot) {
  Errstr e;
  check_accepted(post(e), e);
  check_accepted(post(e), e);  // the same slot again replaces the first
  BOOST_TEST(stat_counter(client, "calls") == 2);
  BOOST_TEST(stat_counter(client, "pending") == 1);
  sonar.id = "sonar-backend";  // another report id is another slot
  check_accepted(post(e), e);
  BOOST_TEST(stat_counter(client, "pending") == 2);
}

BOOST_AUTO_TEST_CASE(an_analysis_without_issues_is_accepted) {
  texts = {page_json("A", 0)};
  use_pages();
  Errstr e;
  check_accepted(post(e), e);
  sonar.issue_pages = nullptr;  // a gate alone, no page at all
  sonar.issue_page_count = 0;
  check_accepted(post(e), e);
  BOOST_TEST(stat_counter(client, "pending") == 1);
}

BOOST_AUTO_TEST_CASE(a_megabyte_long_message_is_accepted_cut) {
  texts = {"{\"issues\":[" + issue_json("A-1", "1", "web", repeated(1 << 20)) + "]}"};
  use_pages();
  Errstr e;
  check_accepted(post(e), e);
}

BOOST_AUTO_TEST_CASE(each_sarif_run_is_a_report_slot_of_its_own) {
  use_sarif(sarif_json({sarif_run("CodeQL", "a"), sarif_run("ESLint", "b")}));
  Errstr e;
  check_accepted(post(e), e);
  BOOST_TEST(stat_counter(client, "calls") == 2);
  BOOST_TEST(stat_counter(client, "pending") == 2);
  // Two runs of one tool, and a given id over two runs, still make two slots each.
  use_sarif(sarif_json({sarif_run("ESLint", "a"), sarif_run("ESLint", "b")}));
  check_accepted(post(e), e);
  BOOST_TEST(stat_counter(client, "pending") == 4);
  sonar.id = "lint";
  check_accepted(post(e), e);
  BOOST_TEST(stat_counter(client, "pending") == 6);
}

BOOST_AUTO_TEST_CASE(nulls_are_refused_and_named) {
  Errstr e1, e2;
  CIB_CHECK_REFUSED(cib_client_post_sonar(nullptr, &sonar, 7, 0, e1.data(), e1.size()),
                    CIB_ERR_INVALID_ARGUMENT, e1, kPost, "client");
  CIB_CHECK_REFUSED(cib_client_post_sonar(client.get(), nullptr, 7, 0, e2.data(), e2.size()),
                    CIB_ERR_INVALID_ARGUMENT, e2, kPost, "sonar");
  sonar.repo = nullptr;
  check_bad_input("sonar->repo");
  sonar.repo = "acme/web";
  sonar.commit = nullptr;
  check_bad_input("sonar->commit");
  sonar.commit = "3f2c6b1e9a0d4c8b7e5f2a1d0c9b8a7f6e5d4c3b";
  pages[1] = nullptr;
  check_bad_input("sonar->issue_pages[1]", "NULL");
  sonar.issue_pages = nullptr;
  check_bad_input("sonar->issue_pages", "issue_page_count");
}

BOOST_AUTO_TEST_CASE(unknown_struct_versions_are_unsupported) {
  for (uint32_t version : {0u, 2u, 999u}) {
    BOOST_TEST_CONTEXT("version " << version) {
      sonar.version = version;
      Errstr e;
      CIB_CHECK_REFUSED(post(e), CIB_ERR_UNSUPPORTED_VERSION, e, kPost, "sonar->version");
    }
  }
}

BOOST_AUTO_TEST_CASE(both_forms_or_neither_are_refused) {
  sonar.sarif = "{\"version\":\"2.1.0\",\"runs\":[]}";
  check_bad_input("sonar->issue_pages, sonar->sarif", "both");
  sonar.sarif = nullptr;
  sonar.issue_pages = nullptr;
  sonar.issue_page_count = 0;
  sonar.gate = nullptr;
  sonar.measures = "";
  check_bad_input("sonar->issue_pages, sonar->sarif", "no analysis");
}

BOOST_AUTO_TEST_CASE(other_fields_out_of_range_are_refused) {
  Errstr e;
  sonar.pr = -1;
  check_bad_input("sonar->pr");
  sonar.pr = 0;
  sonar.id = "..";
  check_bad_input("sonar->id");
  sonar.id = nullptr;
  CIB_CHECK_REFUSED(post(e, 0x80), CIB_ERR_INVALID_ARGUMENT, e, kPost, "flags");
  sonar.dashboard_url = kInvalidUtf8;
  check_bad_input("sonar->dashboard_url", "UTF-8");
}

BOOST_AUTO_TEST_CASE(a_bad_second_page_posts_nothing_and_names_the_page_and_field) {
  texts[1] = page_json("B", 2);
  texts[1].replace(texts[1].find("\"line\":2"), 8, "\"line\":\"2\"");
  use_pages();
  check_bad_input("issues page 2", "line");
}

BOOST_AUTO_TEST_CASE(truncated_json_is_refused) {
  texts[1].resize(texts[1].size() / 2);
  use_pages();
  check_bad_input("issues page 2");
}

BOOST_AUTO_TEST_CASE(a_page_that_is_not_an_issues_answer_is_refused) {
  texts[0] = "{\"total\":1,\"p\":1}";
  use_pages();
  check_bad_input("issues page 1", "issues");
  texts[0] = "[1,2,3]";
  use_pages();
  check_bad_input("issues page 1");
}

BOOST_AUTO_TEST_CASE(a_gate_or_measures_of_the_wrong_shape_are_refused) {
  sonar.gate = "{\"projectStatus\":{\"status\":42}}";
  check_bad_input("gate", "status");
  sonar.gate = kGate;
  sonar.measures = "{\"component\":{\"measures\":{}}}";
  check_bad_input("measures", "measures");
}

BOOST_AUTO_TEST_CASE(a_page_of_another_project_is_refused) {
  texts[1] = page_json("B", 2, "mobile");
  use_pages();
  check_bad_input("issues page 2", "project");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_refused_by_field) {
  texts[0] = std::string("{\"issues\":[]}") + kInvalidUtf8;
  use_pages();
  check_bad_input("sonar->issue_pages[0]", "UTF-8");
  use_sarif(sarif_json({sarif_run("ESLint", "a")}) + kInvalidUtf8);
  check_bad_input("sonar->sarif", "UTF-8");
}

BOOST_AUTO_TEST_CASE(sarif_of_another_version_or_without_runs_is_refused) {
  use_sarif(sarif_json({sarif_run("ESLint", "a")}, "2.0.0"));
  check_bad_input("sarif", "2.1.0");
  use_sarif(sarif_json({}));
  check_bad_input("sarif", "run");
  use_sarif(sarif_json({sarif_run("ESLint", "a"), "{\"tool\":{}}"}));
  check_bad_input("sarif", "driver");  // the first run is not posted either
}

BOOST_AUTO_TEST_CASE(input_over_the_bounds_is_refused) {
  pages.assign(101, texts[0].c_str());
  sonar.issue_pages = pages.data();
  sonar.issue_page_count = pages.size();
  check_bad_input("sonar->issue_page_count", "100");
  texts = {page_json("A", 500)};
  for (int i = 1; i <= 40; ++i) texts.push_back(page_json("P" + std::to_string(i), 500));
  use_pages();  // 20,500 open findings, over the 20,000 a post may hold
  check_bad_input("issues page", "20000");
}

BOOST_AUTO_TEST_CASE(the_cpp_wrapper_posts_and_throws) {
  BOOST_CHECK_NO_THROW(client.post(sonar, 1));
  sonar.gate = "{";
  BOOST_CHECK_THROW(client.post(sonar, 1), cibatch::Error);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::capi
