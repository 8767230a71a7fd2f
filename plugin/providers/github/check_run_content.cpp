#include "providers/github/check_run_content.h"

#include "providers/report_note.h"

namespace cib::github {

namespace {

// GitHub's limit for output.summary and an annotation's message (characters; bytes are safe).
constexpr std::size_t kMaxTextBytes = 65535;

// At most kMaxTextBytes of `text`, never a cut UTF-8 sequence.
std::string bounded(const std::string& text) {
  if (text.size() <= kMaxTextBytes) return text;
  std::size_t length = kMaxTextBytes;
  while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xc0) == 0x80) --length;
  return text.substr(0, length);
}

const char* conclusion_of(ReportResult result) {
  switch (result) {
    case ReportResult::passed:
      return "success";
    case ReportResult::failed:
      return "failure";
    case ReportResult::pending:
      break;
  }
  return "neutral";
}

CheckAnnotation annotation_of(const Annotation& finding) {
  CheckAnnotation annotation;
  annotation.id = finding.id;
  annotation.path = finding.path;
  annotation.line = finding.line > 0 ? finding.line : 1;
  annotation.level = annotation_level(finding.severity);
  annotation.title = std::string(to_string(finding.severity)) + ' ' + to_string(finding.type);
  std::string message = finding.summary.empty() ? annotation.title : finding.summary;
  if (!finding.details.empty()) message += "\n\n" + finding.details;
  if (!finding.link.empty()) message += "\n\n" + finding.link;
  annotation.message = bounded(message);
  return annotation;
}

}  // namespace

const char* annotation_level(Severity severity) {
  switch (severity) {
    case Severity::critical:
    case Severity::high:
      return "failure";
    case Severity::medium:
      return "warning";
    case Severity::low:
      break;
  }
  return "notice";
}

CheckRun check_run_of(const std::string& report_id, const ReportContent& report) {
  CheckRun run;
  run.name = report.title.empty() ? report_id : report.title;
  run.conclusion = conclusion_of(report.result);
  run.details_url = report.link;
  run.external_id = report_id;
  run.title = run.name + ": " + to_string(report.result);
  std::size_t without_path = 0;
  for (const Annotation& finding : report.annotations) {
    if (finding.path.empty()) {
      ++without_path;
    } else {
      run.annotations.push_back(annotation_of(finding));
    }
  }
  std::string summary = render_report_summary(report_id, report);
  if (without_path > 0) {
    summary += "\n\n" + std::to_string(without_path) +
               " findings name no file and are not shown as annotations.";
  }
  run.summary = bounded(summary);
  return run;
}

}  // namespace cib::github
