// A trace's post op as the library's model holds it: the object it names and its content, so
// the baseline sends the very bodies the library's provider builds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/content.h"
#include "trace_op.h"

namespace cib::bench {

struct NaiveCall {
  SlotId slot;
  Content content;
  // A Sonar analysis's report, sent as today's Sonar plugins do: DELETE the report, PUT it,
  // then POST its annotations in bulk requests; not one PUT per annotation.
  bool recreate = false;
  // The pull request a report lands on where a host shows it as a note (GitLab): set by the
  // replay from the trace (report_threads.h); 0 elsewhere.
  std::int64_t thread = 0;
};

// The reader has checked every word of the op against trace_words.h, whose lists are in the
// order of the model's enums.
NaiveCall naive_call(const trace::StatusOp& op);
NaiveCall naive_call(const trace::CommentOp& op);
NaiveCall naive_call(const trace::ReportOp& op);

// One call per report the sonar op posts (sonar_op_reports.h), its files resolved against the
// folder of `trace_path`. Throws trace::TraceError when a file cannot be read or understood.
std::vector<NaiveCall> naive_calls(const trace::SonarOp& op, const std::string& trace_path);

}  // namespace cib::bench
