// The requests a plugin without cibatch sends for one call to GitHub: a status is the statuses
// POST; a comment one new issue comment (no marker, no lookup, no edit); a report, a Sonar one
// too, a new check run: created with its first 50 annotations and PATCHed 50 at a time, the last
// request completing it (at most 1,000 findings kept, as the library keeps them). Without check
// runs (no App, or github.reports: comment) a report is one new comment on its commit's pull
// request (NaiveCall::thread), rendered as the provider renders it. Paths, headers and bodies are
// the library's (providers/github); the counts are trace-floor's naive model (github_shapes.cpp).
#pragma once

#include "naive_call.h"
#include "providers/provider.h"

namespace cib::bench {

// Sends the call's requests in order through `sender`; `check_runs` says whether a report is a
// check run. Throws HostError for an answer that is not 2xx (the requests after it are not sent;
// a rate refusal is transient), std::invalid_argument for an object GitHub cannot name, and lets
// TransportError through.
DeliveryOutcome send_naive_github(const NaiveCall& call, Sender& sender, bool check_runs);

}  // namespace cib::bench
