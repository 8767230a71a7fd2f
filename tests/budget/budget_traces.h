// The workloads of the budget's process tests, written as traces (docs/TRACES.md) into the
// test's own folder, so every process has its own repository and commit.
#pragma once

#include <cstddef>
#include <string>

namespace cib::test {

// Requests one agent_trace() needs even when waiting for budget coalesces every INPROGRESS
// away: the final status of both stages, the comment, the report's PUT and two annotation
// chunks.
inline constexpr std::size_t kAgentTraceMinRequests = 6;
// Its request floor (docs/TRACES.md): both states of each stage, the comment, the report's PUT and
// two chunks. The lookups a provider makes before a first create (a comment's marker search, a
// report's GET) come on top.
inline constexpr std::size_t kAgentTraceFloor = 8;

// One CI agent's run on repository "team/svc-AGENT": two stages, each INPROGRESS held for
// 900 ms then SUCCESSFUL, a 120-finding report after the first stage and a summary comment.
std::string agent_trace(int agent);

// One run on "team/mono": a report with `findings` annotations, then `report_lead_ms` later the
// first INPROGRESS of stage `stage_key`, held `stage_hold_ms`, then its SUCCESSFUL.
std::string big_report_trace(int findings, const std::string& stage_key, int report_lead_ms,
                             int stage_hold_ms);

// A 40-hex-digit commit id that differs for every seed.
std::string commit_for(int seed);

// Writes text to path; throws std::runtime_error when it cannot.
void write_text(const std::string& path, const std::string& text);

}  // namespace cib::test
