// The floor and naive counts of trace sonar ops, read from answer files written by the test and
// from the bundled trace.
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "temp_dir.h"
#include "trace_floor.h"
#include "trace_reader.h"

namespace {

using cib::bench::compute_floor;
using cib::bench::compute_trace_floor;
using cib::bench::FloorResult;
using cib::bench::FloorSettings;
namespace trace = cib::trace;

const char* const kCommit = "0123456789abcdef0123456789abcdef01234567";

// Open issue i of project acme_web; `version` rewords its message, so the finding changes.
std::string issue_json(int i, int version, const std::string& status = "OPEN") {
  return "{\"key\":\"AZ-" + std::to_string(i) +
         "\",\"rule\":\"java:S1481\",\"severity\":\"MINOR\"," + "\"component\":\"acme_web:src/F" +
         std::to_string(i % 9) +
         ".java\",\"project\":\"acme_web\",\"line\":" + std::to_string(i + 1) + ",\"status\":\"" +
         status + "\",\"message\":\"Remove variable v" + std::to_string(i) + " (v" +
         std::to_string(version) + ")\",\"type\":\"CODE_SMELL\"}";
}

// Answers and a trace of sonar ops in one folder; each op's issues are one page.
class SonarTrace {
 public:
  // Issues 0..open-1, those in [changed_from, changed_to) reworded, and two resolved ones.
  SonarTrace& analysis(int open, int changed_from = 0, int changed_to = 0,
                       const std::string& gate = "OK") {
    const std::string n = std::to_string(ops_.size());
    std::string page = "{\"total\":" + std::to_string(open + 2) + ",\"issues\":[";
    for (int i = 0; i < open + 2; ++i) {
      if (i > 0) page += ",";
      const int version = (i >= changed_from && i < changed_to) ? 2 : 1;
      page += issue_json(i, version, i < open ? "OPEN" : "CLOSED");
    }
    write("issues-" + n + ".json", page + "]}");
    write("gate-" + n + ".json", "{\"projectStatus\":{\"status\":\"" + gate + "\"}}");
    ops_.push_back("{\"op\":\"sonar\",\"repo\":\"acme/web\",\"commit\":\"" + std::string(kCommit) +
                   "\",\"pr\":7,\"issues\":\"issues-" + n + ".json\",\"gate\":\"gate-" + n +
                   ".json\"}");
    return *this;
  }
  SonarTrace& raw_op(const std::string& line) {
    ops_.push_back(line);
    return *this;
  }

  // Every op followed by a flush, as the bundled trace does.
  FloorResult floor(bool cold = false) {
    std::string text;
    for (const std::string& op : ops_) text += op + "\n{\"op\":\"flush\"}\n";
    write("t.jsonl", text);
    FloorSettings settings;
    settings.cold_start = cold;
    return compute_trace_floor(dir_.file("t.jsonl"), settings);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_.file(name), std::ios::binary) << text;
  }

 private:
  cib::test::TempDir dir_{"cibatch-sonar-floor"};
  std::vector<std::string> ops_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(sonar_ops)

BOOST_AUTO_TEST_CASE(first_analysis_costs_a_put_and_its_chunks_and_naive_deletes_first) {
  const FloorResult r = SonarTrace().analysis(250).floor(true);
  BOOST_TEST(r.calls == 1);
  BOOST_TEST(r.lookups == 1);
  BOOST_TEST(r.floor == 1 + 1 + 3);  // GET, PUT, 250 annotations in 3 POSTs
  BOOST_TEST(r.naive == 2 + 3);      // DELETE, PUT, 3 POSTs
}

BOOST_AUTO_TEST_CASE(naive_annotations_stop_at_the_host_cap) {
  const FloorResult r = SonarTrace().analysis(1500).floor();
  BOOST_TEST(r.naive == 2 + 10);
  BOOST_TEST(r.floor == 1 + 10);
}

BOOST_AUTO_TEST_CASE(an_unchanged_reanalysis_costs_nothing) {
  const FloorResult r = SonarTrace().analysis(250).analysis(250).floor();
  BOOST_TEST(r.floor == 4);
  BOOST_TEST(r.naive == 2 * 5);
}

BOOST_AUTO_TEST_CASE(changed_findings_go_in_one_post_and_fixed_ones_are_deleted) {
  // 40 reworded, 3 fixed: one POST and three DELETEs beat re-creating (DELETE, PUT, 3 POSTs).
  const FloorResult r = SonarTrace().analysis(250).analysis(247, 0, 40).floor();
  BOOST_TEST(r.floor == 4 + (1 + 3));
}

BOOST_AUTO_TEST_CASE(many_fixed_findings_recreate_the_report_when_cheaper) {
  // 10 fixed: 1 POST + 10 DELETEs > DELETE + PUT + 3 POSTs of the 240 left.
  const FloorResult r = SonarTrace().analysis(250).analysis(240, 0, 40).floor();
  BOOST_TEST(r.floor == 4 + (2 + 3));
}

BOOST_AUTO_TEST_CASE(a_new_gate_puts_the_report_and_resends_its_annotations) {
  const FloorResult r = SonarTrace().analysis(250).analysis(249, 0, 0, "ERROR").floor();
  BOOST_TEST(r.floor == 4 + (1 + 3 + 1));  // PUT, 3 POSTs, one DELETE
}

BOOST_AUTO_TEST_CASE(each_sarif_run_is_a_report_of_its_own) {
  SonarTrace t;
  const std::string run =
      "{\"tool\":{\"driver\":{\"name\":\"NAME\"}},\"results\":[{\"ruleId\":"
      "\"r1\",\"level\":\"error\",\"message\":{\"text\":\"m\"},\"locations\":"
      "[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"a.js\"},"
      "\"region\":{\"startLine\":3}}}]}]}";
  std::string runs = run;
  runs.replace(runs.find("NAME"), 4, "CodeQL");
  std::string second = run;
  second.replace(second.find("NAME"), 4, "ESLint");
  t.write("two.sarif", "{\"version\":\"2.1.0\",\"runs\":[" + runs + "," + second + "]}");
  const FloorResult r = t.raw_op("{\"op\":\"sonar\",\"repo\":\"acme/web\",\"commit\":\"" +
                                 std::string(kCommit) + "\",\"sarif\":\"two.sarif\"}")
                            .floor(true);
  BOOST_TEST(r.calls == 1);
  BOOST_TEST(r.lookups == 2);
  BOOST_TEST(r.floor == 2 * (1 + 1 + 1));
  BOOST_TEST(r.naive == 2 * (2 + 1));
}

BOOST_AUTO_TEST_CASE(a_sarif_without_runs_is_refused_as_the_library_refuses_it) {
  SonarTrace t;
  t.write("empty.sarif", "{\"version\":\"2.1.0\",\"runs\":[]}");
  t.raw_op("{\"op\":\"sonar\",\"repo\":\"acme/web\",\"commit\":\"" + std::string(kCommit) +
           "\",\"sarif\":\"empty.sarif\"}");
  BOOST_CHECK_EXCEPTION(t.floor(), trace::TraceError, [](const trace::TraceError& e) {
    return std::string(e.what()).find("t.jsonl:1: sonar: sarif: runs") != std::string::npos;
  });
}

BOOST_AUTO_TEST_CASE(an_unreadable_answer_names_the_trace_line_and_the_field) {
  SonarTrace t;
  t.write("bad.json", "{\"issues\":[{\"key\":7}]}");
  t.analysis(3).raw_op("{\"op\":\"sonar\",\"repo\":\"acme/web\",\"commit\":\"" +
                       std::string(kCommit) + "\",\"issues\":\"bad.json\"}");
  try {
    t.floor();
    BOOST_FAIL("a page with a numeric key was accepted");
  } catch (const trace::TraceError& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("t.jsonl:3: sonar: issues page 1") != std::string::npos, what);
    BOOST_TEST(what.find("key") != std::string::npos, what);
  }
}

BOOST_AUTO_TEST_CASE(a_missing_answer_file_names_the_trace_line_and_the_file) {
  SonarTrace t;
  t.raw_op("{\"op\":\"sonar\",\"repo\":\"acme/web\",\"commit\":\"" + std::string(kCommit) +
           "\",\"issues\":\"gone.json\"}");
  try {
    t.floor();
    BOOST_FAIL("a missing file was accepted");
  } catch (const trace::TraceError& e) {
    const std::string what = e.what();
    BOOST_TEST(what.find("t.jsonl:1: ") != std::string::npos, what);
    BOOST_TEST(what.find("gone.json") != std::string::npos, what);
  }
}

// The bundled trace: 300 findings, the same again, then 40 changed and 10 fixed.
BOOST_AUTO_TEST_CASE(the_bundled_sonar_trace) {
  const FloorResult r = compute_trace_floor(
      std::string(CIB_SOURCE_DIR) + "/tests/traces/sonar-reanalysis.jsonl", FloorSettings());
  BOOST_TEST(r.calls == 3);
  BOOST_TEST(r.naive == 3 * (2 + 3));
  BOOST_TEST(r.floor == (1 + 1 + 3) + 0 + (2 + 3));  // 290 left: re-creating beats 11 requests
  BOOST_TEST(r.lookups == 1);
}

BOOST_AUTO_TEST_SUITE_END()
