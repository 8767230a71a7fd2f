// The C payload structs for trace ops. Each payload owns a copy of its op and points the C
// struct into it, so it stays valid for as long as the payload lives; it cannot be copied or
// moved, because that would leave the pointers behind.
#pragma once

#include <vector>

#include "cibatch.h"
#include "trace_op.h"

namespace cib::cli {

class StatusPayload {
 public:
  explicit StatusPayload(const trace::StatusOp& op);
  StatusPayload(const StatusPayload&) = delete;
  StatusPayload& operator=(const StatusPayload&) = delete;
  const cib_build_status* get() const { return &status_; }

 private:
  trace::StatusOp op_;
  cib_build_status status_;
};

class CommentPayload {
 public:
  explicit CommentPayload(const trace::CommentOp& op);
  CommentPayload(const CommentPayload&) = delete;
  CommentPayload& operator=(const CommentPayload&) = delete;
  const cib_comment* get() const { return &comment_; }

 private:
  trace::CommentOp op_;
  cib_comment comment_;
};

class ReportPayload {
 public:
  explicit ReportPayload(const trace::ReportOp& op);
  ReportPayload(const ReportPayload&) = delete;
  ReportPayload& operator=(const ReportPayload&) = delete;
  const cib_report* get() const { return &report_; }

 private:
  trace::ReportOp op_;
  std::vector<cib_report_data> data_;
  std::vector<const cib_report_data*> data_ptrs_;
  std::vector<cib_annotation> annotations_;
  std::vector<const cib_annotation*> annotation_ptrs_;
  cib_report report_;
};

}  // namespace cib::cli
