#include "sonar/sonar_analysis.h"

#include "sonar/gate_reader.h"
#include "sonar/issues_reader.h"
#include "sonar/measures_reader.h"
#include "sonar/sonar_error.h"
#include "sonar/sonar_limits.h"

namespace cib::sonar {
namespace {

void check_total_size(const SonarAnswers& answers) {
  std::size_t bytes = answers.gate ? answers.gate->size() : 0;
  bytes += answers.measures ? answers.measures->size() : 0;
  for (const std::string& page : answers.issue_pages) bytes += page.size();
  if (bytes > kMaxInputBytes) {
    throw SonarError(SonarErrorKind::too_large, "analysis: " + std::to_string(bytes) +
                                                    " bytes of answers, more than " +
                                                    std::to_string(kMaxInputBytes));
  }
}

}  // namespace

ReportContent read_sonar_analysis(const SonarAnswers& answers) {
  check_total_size(answers);
  ReportContent report;
  report.title = "SonarQube";
  report.reporter = "SonarQube";
  report.link = answers.dashboard_url;
  if (answers.gate) {
    GateOutcome gate = read_gate(*answers.gate);
    report.result = gate.result;
    report.details = std::move(gate.details);
  }
  if (answers.measures) report.data = read_measures(*answers.measures, answers.max_data_fields);
  report.annotations = read_issue_pages(answers.issue_pages, {answers.server_url});
  return report;
}

}  // namespace cib::sonar
