// The parts of one running simulator, shared by the request handlers.
#pragma once

#include <chrono>
#include <string>

#include "dc_state.h"
#include "fault_plan.h"
#include "github_state.h"
#include "gitlab_state.h"
#include "rate_limiter.h"
#include "repo_store.h"
#include "request_log.h"
#include "router.h"
#include "sim_options.h"
#include "sim_state.h"
#include "sonar_store.h"
#include "spec_catalog.h"

namespace cib::sim {

struct SimContext {
  SimContext(SimOptions sim_options, SpecCatalog spec, std::string sim_origin)
      : options(std::move(sim_options)),
        catalog(std::move(spec)),
        origin(std::move(sim_origin)),
        state(origin + kApiBasePath, options.keep_annotations_on_report_put),
        github(options.github_writes_per_minute),
        repos(options.repo_seeds),
        log(options.log_file),
        limiter(options.rate_limit, std::chrono::seconds(options.rate_window_s)),
        started(std::chrono::steady_clock::now()) {}

  const SimOptions options;
  const SpecCatalog catalog;
  const std::string origin;  // "http(s)://127.0.0.1:PORT"
  SimState state;
  GitlabState gitlab;  // used when options.host is gitlab
  DcState dc;          // used when options.host is bitbucket-dc
  GithubState github;  // used when options.host is github
  RepoStore repos;     // repositories and pull requests (Bitbucket Cloud and GitHub)
  SonarStore sonar;
  RequestLog log;
  RateLimiter limiter;
  FaultSchedule faults;
  const std::chrono::steady_clock::time_point started;
};

}  // namespace cib::sim
