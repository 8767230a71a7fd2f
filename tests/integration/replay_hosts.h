// The hosts `cibatch replay` runs every bundled trace on (replay_test.cpp): for each, how the
// simulator plays it, the configuration that points cibatch at it, what the simulator must be
// told before a replay (the pull requests of the commits a host needs), and how the reports
// are checked at the end.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "forge_sim.h"
#include "sim_state.h"
#include "temp_dir.h"
#include "trace_floor.h"

namespace cib::test {

// Where a host shows a report: as the host's report (compared with the simulator's reports),
// or as a keyed comment `report-<id>` on the pull request of its commit (read back).
enum class ReportPlace { report, comment };

struct ReplayHost {
  std::string kind;      // host.kind, and the simulator's --host
  std::string api_path;  // host.api_url is the simulator's origin followed by this
  ReportPlace reports = ReportPlace::report;
  bool github_app = false;  // authenticates as a GitHub App (a key pair made per test)
};

// bitbucket-cloud, bitbucket-dc, github, gitlab (in host_kinds() order).
const std::vector<ReplayHost>& replay_hosts();
const ReplayHost& replay_host(const std::string& kind);

// The bundled traces: every tests/traces/*.jsonl, sorted.
std::vector<std::string> bundled_traces();

// The simulator's options for `host` (report_put: a Bitbucket Cloud re-PUT's annotations);
// the files it needs (a GitHub App's key pair) go to `dir`.
ForgeSimOptions replay_sim_options(const ReplayHost& host, const TempDir& dir,
                                   const std::string& report_put = "");

// The cibatch YAML for a replay against `sim`, written to `dir`; its path.
std::string write_replay_config(const ReplayHost& host, const ForgeSim& sim, const TempDir& dir);

// Tells the simulator the pull request of every commit of `trace` that has a report, as the
// floor model assumes them (report_threads.h), where the host needs to know.
void declare_pull_requests(const ReplayHost& host, const ForgeSim& sim, const std::string& trace);

// Every report of `want` as `host` shows it, one BOOST_ERROR per difference; then clears the
// reports from `want` where the simulator's report store does not hold them.
void check_reports(const ReplayHost& host, const ForgeSim& sim, const std::string& trace,
                   DesiredState& want);

// The floor of `trace` with the request shapes of `host`, cold start included.
bench::FloorResult host_floor(const ReplayHost& host, const std::string& trace);

}  // namespace cib::test
