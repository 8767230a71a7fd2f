#include "naive_call.h"

#include "sonar_op_reports.h"
#include "trace_words.h"

namespace cib::bench {
namespace {

template <typename Enum, std::size_t N>
Enum enum_of(const std::array<const char*, N>& words, const std::string& word) {
  return static_cast<Enum>(trace::word_index(words, word));
}

Annotation annotation_of(const trace::AnnotationOp& a) {
  Annotation out;
  out.id = a.id;
  out.path = a.path;
  out.line = a.line;
  out.severity = enum_of<Severity>(trace::kSeverityWords, a.severity);
  out.type = enum_of<FindingType>(trace::kFindingTypeWords, a.type);
  out.summary = a.summary;
  out.details = a.details;
  out.link = a.link;
  return out;
}

}  // namespace

NaiveCall naive_call(const trace::StatusOp& op) {
  NaiveCall call;
  call.slot = SlotId{SlotKind::status, op.repo, op.commit, 0, op.key};
  StatusContent status;
  status.state = enum_of<BuildState>(trace::kStateWords, op.state);
  status.name = op.name;
  status.url = op.url;
  status.description = op.description;
  status.ref = op.ref;
  call.content = std::move(status);
  return call;
}

NaiveCall naive_call(const trace::CommentOp& op) {
  return NaiveCall{SlotId{SlotKind::comment, op.repo, "", op.pr, op.key}, CommentContent{op.body}};
}

NaiveCall naive_call(const trace::ReportOp& op) {
  NaiveCall call;
  call.slot = SlotId{SlotKind::report, op.repo, op.commit, 0, op.id};
  ReportContent report;
  report.title = op.title;
  report.details = op.details;
  report.link = op.link;
  report.reporter = op.reporter;
  report.result = enum_of<ReportResult>(trace::kResultWords, op.result);
  for (const trace::ReportDataOp& d : op.data) {
    report.data.push_back(
        ReportData{d.title, enum_of<DataType>(trace::kDataTypeWords, d.type), d.value});
  }
  for (const trace::AnnotationOp& a : op.annotations)
    report.annotations.push_back(annotation_of(a));
  call.content = std::move(report);
  return call;
}

std::vector<NaiveCall> naive_calls(const trace::SonarOp& op, const std::string& trace_path) {
  std::vector<NaiveCall> calls;
  for (SonarOpReport& report : sonar_op_reports(op, trace_path)) {
    calls.push_back(NaiveCall{std::move(report.slot), std::move(report.content), true});
  }
  return calls;
}

}  // namespace cib::bench
