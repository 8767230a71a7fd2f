// A post as the agent's protocol carries it: the trace op's JSON (docs/TRACES.md), which the
// agent reads back with trace::parse_op_json; a sonar op carries its files' contents, not
// their paths, and pull mode the content of report-task.txt.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "trace_op.h"

namespace cib::cli {

std::string op_json(const trace::StatusOp& op);
std::string op_json(const trace::CommentOp& op);
std::string op_json(const trace::ReportOp& op);
// op's repo, commit, pr and id with the texts of its pages, gate, measures and SARIF.
std::string sonar_texts_json(const trace::SonarOp& op, const std::vector<std::string>& pages,
                             const std::string& gate, const std::string& measures,
                             const std::string& sarif);
std::string sonar_task_json(const std::string& repo, const std::string& commit, std::int64_t pr,
                            const std::string& report_task);

// The agent's side of sonar_task_json: what it names. trace::TraceError when it is malformed.
struct SonarTaskPost {
  std::string repo, commit;
  std::int64_t pr = 0;
  std::string report_task;
};
// Whether post_json is a sonar_task post (else it is a trace op).
bool is_sonar_task(const std::string& post_json);
SonarTaskPost parse_sonar_task(const std::string& post_json);

}  // namespace cib::cli
