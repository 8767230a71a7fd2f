// The requests a plugin without cibatch sends for one call to GitLab: a status one POST (the
// provider's), a comment one new merge request note (no marker, no lookup, no edit), and a
// report, a Sonar one too, one new note on its commit's merge request (NaiveCall::thread),
// rendered as the provider renders it. Paths and bodies are the library's (providers/gitlab).
#pragma once

#include "naive_call.h"
#include "providers/provider.h"

namespace cib::bench {

// Sends the call's request through `sender`. Throws HostError for an answer that is not 2xx and
// lets TransportError through.
DeliveryOutcome send_naive_gitlab(const NaiveCall& call, Sender& sender);

}  // namespace cib::bench
