// The requests a plugin without cibatch sends for one call to Bitbucket Cloud: a status is one
// POST; a comment one POST of a new comment (no marker, no lookup, no edit); a report one PUT
// and then one PUT per annotation (no bulk POST, nothing skipped as unchanged); a Sonar report
// (NaiveCall::recreate) a DELETE of the report (a 404 is fine), a PUT, and its annotations in
// bulk POSTs of 100. Paths and bodies are the library's own (providers/bitbucket_cloud), and a
// report keeps the findings the library would keep.
#pragma once

#include "config/settings.h"
#include "naive_call.h"
#include "providers/provider.h"

namespace cib::bench {

// Sends the call's requests in order through `sender`, as `host` takes them (Data Center:
// naive_dc_requests.h, GitHub: naive_github_requests.h, where `github_check_runs` says whether a
// report is a check run, GitLab: naive_gitlab_requests.h). Throws HostError for an answer that
// is not 2xx (the requests after it are not sent), std::invalid_argument for an object the host
// cannot name, and lets TransportError through.
DeliveryOutcome send_naive(const NaiveCall& call, Sender& sender,
                           HostKind host = HostKind::bitbucket_cloud,
                           bool github_check_runs = true);

}  // namespace cib::bench
