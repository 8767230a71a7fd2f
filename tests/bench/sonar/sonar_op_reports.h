// The reports a trace's sonar op posts, read from its files with the library's own Sonar readers
// (plugin/sonar), as `cibatch replay` posts them through cib_client_post_sonar: one report for
// Web API answers, its id the op's or "sonar"; one per SARIF run, its id the tool's (numbered
// when two runs share it) or, given one, the op's (numbered when there are several runs).
#pragma once

#include <string>
#include <vector>

#include "model/content.h"
#include "trace_op.h"

namespace cib::bench {

struct SonarOpReport {
  SlotId slot;
  ReportContent content;
};

// The op's files are resolved against the folder of `trace_path` unless absolute. Throws
// trace::TraceError naming the file when one cannot be read, "sonar: " and the page and field
// the readers name when one cannot be understood.
std::vector<SonarOpReport> sonar_op_reports(const trace::SonarOp& op,
                                            const std::string& trace_path);

}  // namespace cib::bench
