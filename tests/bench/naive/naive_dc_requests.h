// The requests a plugin without cibatch sends for one call to Bitbucket Data Center: a status is
// the builds POST (the provider's, legacy resource included); a comment one POST of a new PR
// comment (no marker, no lookup, no edit); a report one PUT of its fields and one POST of all its
// annotations (at most 1,000 kept, as the library keeps them); a Sonar report
// (NaiveCall::recreate) first a DELETE of the report (a 404 is fine). Paths and bodies are the
// library's (providers/bitbucket_dc); the counts are trace-floor's naive model (dc_shapes.cpp).
#pragma once

#include "naive_call.h"
#include "providers/provider.h"

namespace cib::bench {

// Sends the call's requests in order through `sender`. Throws HostError for an answer that is
// not 2xx (the requests after it are not sent), std::invalid_argument for an object DC cannot
// name or a status it refuses, and lets TransportError through.
DeliveryOutcome send_naive_dc(const NaiveCall& call, Sender& sender);

}  // namespace cib::bench
