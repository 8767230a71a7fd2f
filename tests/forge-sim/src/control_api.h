// The simulator's own endpoints under /_sim/ (never rate limited, never logged):
//   GET  /_sim/state     the final-state JSON
//   GET  /_sim/requests  the request log (JSON Lines)
//   GET  /_sim/stats     {"requests","by_status","rate_limited","invalid","dropped"}
//   POST /_sim/reset     forget state, log and counters (repositories: back to the seeds); the
//                        fault plan stays and counts anew
//   POST /_sim/faults    install a fault plan (the body is a --faults SPEC; empty: none)
//   POST /_sim/shutdown  stop as on SIGTERM
//   POST /_sim/sonar/analysis  load a SonarQube analysis and its task (see the README)
//   POST /_sim/gitlab/merge_requests  declare a merge request of a commit (GitLab)
//   POST /_sim/repositories  add or change a repository (Bitbucket Cloud and GitHub reads)
//   POST /_sim/pullrequests  add or change a pull request (likewise)
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "sim_context.h"

namespace cib::sim {

inline constexpr const char* kControlPrefix = "/_sim/";

void serve_control_request(SimContext& context, Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response);

}  // namespace cib::sim
