// The agent's side of a post: the request's post (a trace op, a sonar op carrying texts, or a
// sonar_task) turned into the library call on the identity's client.
#pragma once

#include <cstdint>
#include <string>

#include "agent_protocol.h"
#include "cibatch.hpp"

namespace cib::cli {

// Posts request's post on client with `tag` (the library's: the request's, or the agent's own
// for a --wait post). A sonar_task's report-task.txt is written to a private file in
// `scratch_folder` for the call and removed after it. Throws trace::TraceError when the post
// is malformed (the message names the field) and cibatch::Error when the library refuses it.
void post_to_client(cibatch::Client& client, const agent::PostRequest& request, std::uint64_t tag,
                    const std::string& scratch_folder);

}  // namespace cib::cli
