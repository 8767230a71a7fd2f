#include "abi_payloads.h"

#include "trace_words.h"

namespace cib::cli {
namespace {

// The reader has checked every word against these lists, so the index is the enum value.
cib_annotation to_annotation(const trace::AnnotationOp& a) {
  cib_annotation out = CIB_ANNOTATION_INIT;
  out.id = a.id.c_str();
  out.path = a.path.c_str();
  out.line = a.line;
  out.severity = trace::word_index(trace::kSeverityWords, a.severity);
  out.type = trace::word_index(trace::kFindingTypeWords, a.type);
  out.summary = a.summary.c_str();
  out.details = a.details.c_str();
  out.link = a.link.c_str();
  return out;
}

cib_report_data to_report_data(const trace::ReportDataOp& d) {
  cib_report_data out = CIB_REPORT_DATA_INIT;
  out.title = d.title.c_str();
  out.type = trace::word_index(trace::kDataTypeWords, d.type);
  out.value = d.value.c_str();
  return out;
}

}  // namespace

StatusPayload::StatusPayload(const trace::StatusOp& op) : op_(op), status_(CIB_BUILD_STATUS_INIT) {
  status_.repo = op_.repo.c_str();
  status_.commit = op_.commit.c_str();
  status_.key = op_.key.c_str();
  status_.state = trace::word_index(trace::kStateWords, op_.state);
  status_.name = op_.name.c_str();
  status_.url = op_.url.c_str();
  status_.description = op_.description.c_str();
  status_.ref = op_.ref.c_str();
}

CommentPayload::CommentPayload(const trace::CommentOp& op) : op_(op), comment_(CIB_COMMENT_INIT) {
  comment_.repo = op_.repo.c_str();
  comment_.pr = op_.pr;
  comment_.key = op_.key.c_str();
  comment_.body = op_.body.c_str();
}

ReportPayload::ReportPayload(const trace::ReportOp& op) : op_(op), report_(CIB_REPORT_INIT) {
  // Both vectors are filled before any pointer into them is taken: no reallocation follows.
  for (const trace::ReportDataOp& d : op_.data) data_.push_back(to_report_data(d));
  for (const cib_report_data& d : data_) data_ptrs_.push_back(&d);
  for (const trace::AnnotationOp& a : op_.annotations) annotations_.push_back(to_annotation(a));
  for (const cib_annotation& a : annotations_) annotation_ptrs_.push_back(&a);

  report_.repo = op_.repo.c_str();
  report_.commit = op_.commit.c_str();
  report_.id = op_.id.c_str();
  report_.title = op_.title.c_str();
  report_.result = trace::word_index(trace::kResultWords, op_.result);
  report_.details = op_.details.c_str();
  report_.link = op_.link.c_str();
  report_.reporter = op_.reporter.c_str();
  report_.data = data_ptrs_.empty() ? nullptr : data_ptrs_.data();
  report_.data_count = data_ptrs_.size();
  report_.annotations = annotation_ptrs_.empty() ? nullptr : annotation_ptrs_.data();
  report_.annotation_count = annotation_ptrs_.size();
}

}  // namespace cib::cli
