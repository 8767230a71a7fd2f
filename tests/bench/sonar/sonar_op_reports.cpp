#include "sonar_op_reports.h"

#include <set>

#include "sonar/sarif_reader.h"
#include "sonar/sonar_analysis.h"
#include "sonar/sonar_error.h"
#include "trace_reader.h"

namespace cib::bench {
namespace {

constexpr const char* kDefaultId = "sonar";
constexpr std::size_t kMaxReportData = 10;  // cib_report's data_count bound

std::string resolved(const std::string& path, const std::string& trace_path) {
  const std::size_t slash = trace_path.rfind('/');
  if (path.empty() || path[0] == '/' || slash == std::string::npos) return path;
  return trace_path.substr(0, slash + 1) + path;
}

SonarOpReport report_of(const trace::SonarOp& op, std::string id, ReportContent content) {
  return SonarOpReport{SlotId{SlotKind::report, op.repo, op.commit, 0, std::move(id)},
                       std::move(content)};
}

std::vector<SonarOpReport> answers_reports(const trace::SonarOp& op,
                                           const std::string& trace_path) {
  sonar::SonarAnswers answers;
  for (const std::string& page : op.issues) {
    answers.issue_pages.push_back(trace::read_text_file(resolved(page, trace_path)));
  }
  if (!op.gate.empty()) answers.gate = trace::read_text_file(resolved(op.gate, trace_path));
  if (!op.measures.empty()) {
    answers.measures = trace::read_text_file(resolved(op.measures, trace_path));
  }
  answers.max_data_fields = kMaxReportData;
  return {report_of(op, op.id.empty() ? kDefaultId : op.id, sonar::read_sonar_analysis(answers))};
}

std::vector<SonarOpReport> sarif_reports(const trace::SonarOp& op, const std::string& trace_path) {
  std::vector<sonar::SarifReport> runs =
      sonar::read_sarif(trace::read_text_file(resolved(op.sarif, trace_path)));
  // As cib_client_post_sonar: a document without a run has no report to post.
  if (runs.empty()) throw trace::TraceError("sonar: sarif: runs: holds no run");
  std::multiset<std::string> tools;
  for (const sonar::SarifReport& run : runs) tools.insert(run.report_id);
  std::vector<SonarOpReport> reports;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const bool numbered = op.id.empty() ? tools.count(runs[i].report_id) > 1 : runs.size() > 1;
    const std::string prefix = op.id.empty() ? runs[i].report_id : op.id;
    reports.push_back(report_of(op, numbered ? prefix + "-" + std::to_string(i + 1) : prefix,
                                std::move(runs[i].content)));
  }
  return reports;
}

}  // namespace

std::vector<SonarOpReport> sonar_op_reports(const trace::SonarOp& op,
                                            const std::string& trace_path) {
  try {
    return op.sarif.empty() ? answers_reports(op, trace_path) : sarif_reports(op, trace_path);
  } catch (const sonar::SonarError& e) {
    throw trace::TraceError(std::string("sonar: ") + e.what());
  }
}

}  // namespace cib::bench
