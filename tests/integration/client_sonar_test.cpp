// A SonarQube analysis through cib_client_post_sonar against the simulator: 1,234 open findings
// posted, posted again unchanged, then with 40 changed and 10 fixed, all on one spool file. Only
// what changed is sent, and the host ends with the first 1,000 findings of the last analysis
// in the report's fixed order (severity, type, path, line, id).
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "client_fixture.h"
#include "recording_client.h"
#include "temp_dir.h"

namespace cib::test {
namespace {

constexpr std::size_t kFindings = 1234;
constexpr std::size_t kPageSize = 500;
constexpr std::size_t kHostCap = 1000;
constexpr const char* kReportId = "sonar";

// One open issue as the test generates it, and where the fixed order puts it.
struct Finding {
  std::size_t n;
  std::string message;
  int severity;  // the cib_severity SonarQube's severity maps to
  int type;      // cib_finding_type
  std::string path;
  int line;
  std::string key;
};

const char* const kSonarSeverities[] = {"BLOCKER", "CRITICAL", "MAJOR", "MINOR", "INFO"};
const int kMappedSeverities[] = {CIB_SEVERITY_CRITICAL, CIB_SEVERITY_CRITICAL, CIB_SEVERITY_HIGH,
                                 CIB_SEVERITY_MEDIUM, CIB_SEVERITY_LOW};
const char* const kSonarTypes[] = {"BUG", "VULNERABILITY", "CODE_SMELL"};

Finding finding(std::size_t n, const std::string& version) {
  char key[32];
  std::snprintf(key, sizeof key, "AX-%05zu", n);
  return Finding{n,
                 "Finding " + std::to_string(n) + " (" + version + ")",
                 kMappedSeverities[n % 5],
                 static_cast<int>((n / 5) % 3),
                 "src/module" + std::to_string(n % 50) + ".c",
                 static_cast<int>(n + 1),
                 key};
}

// The analysis: findings 0..1233 with message version v1, some changed to v2, some fixed.
std::vector<Finding> analysis(const std::set<std::size_t>& changed,
                              const std::set<std::size_t>& fixed) {
  std::vector<Finding> findings;
  for (std::size_t n = 0; n < kFindings; ++n) {
    if (fixed.count(n) == 0) findings.push_back(finding(n, changed.count(n) ? "v2" : "v1"));
  }
  return findings;
}

std::string issue_json(const Finding& f) {
  return "{\"key\":\"" + f.key + "\",\"rule\":\"c:S" + std::to_string(100 + f.n % 7) +
         "\",\"severity\":\"" + kSonarSeverities[f.n % 5] + "\",\"component\":\"web:" + f.path +
         "\",\"project\":\"web\",\"line\":" + std::to_string(f.line) + ",\"message\":\"" +
         f.message + "\",\"type\":\"" + kSonarTypes[f.type] + "\",\"status\":\"OPEN\"}";
}

// `api/issues/search` pages of 500, as SonarQube answers them.
std::vector<std::string> pages_of(const std::vector<Finding>& findings) {
  std::vector<std::string> pages;
  for (std::size_t start = 0; start < findings.size(); start += kPageSize) {
    std::string issues;
    for (std::size_t i = start; i < std::min(findings.size(), start + kPageSize); ++i) {
      issues += (i == start ? "" : ",") + issue_json(findings[i]);
    }
    pages.push_back("{\"total\":" + std::to_string(findings.size()) + ",\"p\":" +
                    std::to_string(pages.size() + 1) + ",\"ps\":500,\"issues\":[" + issues + "]}");
  }
  return pages;
}

const char* const kGate = "{\"projectStatus\":{\"status\":\"OK\",\"conditions\":[]}}";

cib_status post_analysis(RecordingClient& session, const std::vector<Finding>& findings,
                         std::string& message) {
  const std::vector<std::string> pages = pages_of(findings);
  std::vector<const char*> pointers;
  for (const std::string& page : pages) pointers.push_back(page.c_str());
  cib_sonar sonar = CIB_SONAR_INIT;
  sonar.repo = kRepo.c_str();
  sonar.commit = kCommit.c_str();
  sonar.pr = 42;
  sonar.issue_pages = pointers.data();
  sonar.issue_page_count = pointers.size();
  sonar.gate = kGate;
  char err[1024] = "";
  const cib_status status = cib_client_post_sonar(session.client(), &sonar, 1, 0, err, sizeof err);
  message = err;
  return status;
}

// Posts the analysis, flushes, and returns the requests the simulator received for it.
std::size_t post_and_flush(ForgeSim& sim, RecordingClient& session,
                           const std::vector<Finding>& findings) {
  const std::size_t before = sim.requests().size();
  std::string message;
  BOOST_TEST_REQUIRE(post_analysis(session, findings, message) == CIB_OK, message);
  std::size_t left = 99;
  BOOST_TEST_REQUIRE(session.flush(1, 60000, &left) == CIB_OK);
  BOOST_TEST(left == 0u);
  return sim.requests().size() - before;
}

// The first 1,000 findings in the fixed order: id -> message.
std::map<std::string, std::string> kept_by_host(std::vector<Finding> findings) {
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.severity, a.type, a.path, a.line, a.key) <
           std::tie(b.severity, b.type, b.path, b.line, b.key);
  });
  findings.resize(std::min(findings.size(), kHostCap));
  std::map<std::string, std::string> kept;
  for (const Finding& f : findings) kept[f.key] = f.message;
  return kept;
}

std::size_t delete_and_reupload_cost(std::size_t findings) {
  return 2 + (findings + 99) / 100;
}

BOOST_AUTO_TEST_SUITE(client_sonar)

BOOST_AUTO_TEST_CASE(a_reanalysis_sends_only_what_changed) {
  ForgeSim sim;
  TempDir dir;
  RecordingClient session(
      client_yaml(sim, "  spool: { path: \"" + dir.file("spool.db") + "\", sync: batch }\n"));
  // Changed and fixed findings are all BLOCKER ones (n % 5 == 0): inside the host's 1,000.
  std::set<std::size_t> changed, fixed;
  for (std::size_t n = 0; n < 40 * 5; n += 5) changed.insert(n);
  for (std::size_t n = 40 * 5; n < 50 * 5; n += 5) fixed.insert(n);
  const std::vector<Finding> first = analysis({}, {});
  const std::vector<Finding> third = analysis(changed, fixed);

  const std::size_t first_requests = post_and_flush(sim, session, first);
  const std::size_t second_requests = post_and_flush(sim, session, first);
  const std::size_t third_requests = post_and_flush(sim, session, third);
  BOOST_TEST_MESSAGE("requests: first "
                     << first_requests << ", same again " << second_requests
                     << ", 40 changed and 10 fixed " << third_requests
                     << "; delete-and-re-upload: " << delete_and_reupload_cost(first.size()) << ", "
                     << delete_and_reupload_cost(first.size()) << ", "
                     << delete_and_reupload_cost(third.size()));
  // A first post probes the report (GET), puts it and posts the 1,000 kept in bulk.
  BOOST_TEST(first_requests <= 1 + 1 + kHostCap / 100);
  BOOST_TEST(second_requests == 0u);
  // At most the report, one bulk post and a delete per fixed finding, or replacing the report
  // when that is cheaper (the details name the finding count, so the report changed here).
  BOOST_TEST(third_requests <= 1 + 1 + fixed.size());

  const auto report =
      sim.state()->getObject("reports")->getObject(kRepo)->getObject(kCommit)->getObject(kReportId);
  BOOST_TEST_REQUIRE(!report.isNull());
  BOOST_TEST(report->getValue<std::string>("result") == "PASSED");
  const auto held = report->getObject("annotations");
  const std::map<std::string, std::string> want = kept_by_host(third);
  BOOST_TEST_REQUIRE(!held.isNull());
  BOOST_TEST(held->size() == want.size());
  for (const auto& [key, message] : want) {
    BOOST_TEST_CONTEXT("annotation " << key) {
      const auto annotation = held->getObject(key);
      BOOST_TEST_REQUIRE(!annotation.isNull());
      BOOST_TEST(annotation->getValue<std::string>("summary") == message);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace cib::test
