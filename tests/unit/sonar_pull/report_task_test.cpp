// The scanner's report-task.txt: what pull mode takes from it, and how a wrong file is named.
#include "sonar_pull/report_task.h"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <string>

#include "sonar/sonar_error.h"
#include "temp_dir.h"

namespace cib::sonar {
namespace {

// What SonarScanner for Maven/Gradle/CLI 5.x writes (colons escaped as Java properties do).
const std::string kScannerFile =
    "projectKey=acme_web\n"
    "serverUrl=https\\://sonar.example.com\n"
    "serverVersion=10.4.1.88267\n"
    "dashboardUrl=https\\://sonar.example.com/dashboard?id\\=acme_web&pullRequest\\=42\n"
    "ceTaskId=AYx3-kS2tO5Tz0pK9Y3a\n"
    "ceTaskUrl=https\\://sonar.example.com/api/ce/task?id\\=AYx3-kS2tO5Tz0pK9Y3a\n";

std::string error_of(const std::string& text) {
  try {
    parse_report_task(text, "report-task.txt");
  } catch (const SonarError& e) {
    BOOST_TEST((e.kind() == SonarErrorKind::invalid_input));
    return e.what();
  }
  BOOST_FAIL("no error");
  return "";
}

BOOST_AUTO_TEST_SUITE(report_task)

BOOST_AUTO_TEST_CASE(a_scanners_file_gives_task_project_and_dashboard) {
  const ReportTask task = parse_report_task(kScannerFile, "report-task.txt");
  BOOST_TEST(task.ce_task_id == "AYx3-kS2tO5Tz0pK9Y3a");
  BOOST_TEST(task.project_key == "acme_web");
  BOOST_TEST(task.dashboard_url ==
             "https://sonar.example.com/dashboard?id=acme_web&pullRequest=42");
  BOOST_TEST(task.server_url == "https://sonar.example.com");
  BOOST_TEST(task.organization.empty());
  const ReportTask cloud =
      parse_report_task("organization=acme\r\n" + kScannerFile, "report-task.txt");
  BOOST_TEST(cloud.organization == "acme");
}

BOOST_AUTO_TEST_CASE(a_file_read_from_disk_equals_its_text) {
  test::TempDir dir;
  const std::string path = dir.file("report-task.txt");
  std::ofstream(path) << kScannerFile;
  BOOST_TEST(read_report_task(path).ce_task_id == "AYx3-kS2tO5Tz0pK9Y3a");
}

BOOST_AUTO_TEST_CASE(a_wrong_file_is_named_with_the_property) {
  BOOST_TEST(error_of("projectKey=web\n") ==
             "report-task.txt: ceTaskId: missing; is it the scanner's report-task.txt?");
  BOOST_TEST(error_of("ceTaskId=AX-1\n") == "report-task.txt: projectKey: missing");
  BOOST_TEST(error_of("ceTaskId=AX-1&p=2\nprojectKey=web\n") ==
             "report-task.txt: ceTaskId: expected letters, digits, '-' and '_' (at most 128)");
  BOOST_TEST(
      error_of("ceTaskId=" + std::string(129, 'a') + "\nprojectKey=web\n").find("ceTaskId:") !=
      std::string::npos);
  BOOST_TEST(error_of("ceTaskId=AX-1\nprojectKey=web\ndashboardUrl=a\x01b\n") ==
             "report-task.txt: dashboardUrl: holds control characters");
  BOOST_TEST(error_of(std::string(70 * 1024, '#')) ==
             "report-task.txt: larger than 65536 bytes; is it the scanner's report-task.txt?");
  BOOST_TEST(error_of(std::string("\0\xff\xfe", 3)).find("report-task.txt: ") == 0u);
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_names_the_path_and_the_cause) {
  test::TempDir dir;
  try {
    read_report_task(dir.file("none.txt"));
    BOOST_FAIL("no error");
  } catch (const SonarError& e) {
    BOOST_TEST(std::string(e.what()) ==
               dir.file("none.txt") + ": cannot be read: No such file or directory");
  }
  try {
    read_report_task(dir.path());
    BOOST_FAIL("no error");
  } catch (const SonarError& e) {
    BOOST_TEST(std::string(e.what()).rfind(dir.path() + ": cannot be read", 0) == 0u, e.what());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::sonar
