// What each posting thread of the stress test posts in one round, and the host state that the
// newest content of every slot makes.
#pragma once

#include <string>

#include "cibatch.h"
#include "sim_state.h"
#include "stress_calls.h"

namespace cib::test {

constexpr int kPostingThreads = 32;

// Thread `thread` of round `round` owns its slots alone: two statuses on a commit of its own,
// one comment (PRs shared by four threads each) and, for every fourth thread, a report. It
// posts three versions of each status and comment and two of the report, the newest last.
void post_updates(cib_client* client, int round, int thread, CallChecks& checks);

// Adds the newest content of every slot that post_updates(round, thread) posts.
void add_wanted(DesiredState& want, int round, int thread);

// The repository every post goes to.
const std::string& stress_repo();

}  // namespace cib::test
