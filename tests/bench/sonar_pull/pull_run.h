// One measured pull-mode run through the C ABI alone: a fresh client (spool.sync off, the
// default lingers) posts the scanner's report-task.txt with cib_client_post_sonar_task, then
// either flushes the tag or, as a caller that does not flush, waits for the delivery report on
// cib_client_poll. The simulator is reset first, so its log holds this run alone.
#pragma once

#include <cstdint>
#include <string>

#include "forge_sim.h"
#include "request_timeline.h"
#include "sim_analysis.h"

namespace cib::bench {

enum class WaitMode {
  flush,  // cib_client_flush(tag, 120 s) right after the post
  linger  // no flush: the report waits batching.linger_ms; cib_client_poll until it is reported
};

const char* wait_mode_name(WaitMode mode);

struct RunMeasure {
  PullTimeline timeline;
  std::int64_t post_us = 0;     // the cib_client_post_sonar_task call itself
  std::int64_t settled_ms = 0;  // from the post's return to the flush's or the delivery report's
  std::size_t annotations = 0;  // on the host's report at the end
};

// Runs one case. Throws std::runtime_error saying why the measurement could not be made: the
// library refused a call, the report was not delivered, the task was polled other than the
// case scripts or faster than once a second, the host's report lacks annotations, or the post
// waited (took a second or more).
RunMeasure run_pull(test::ForgeSim& sim, const PullCase& pull_case, WaitMode mode,
                    const std::string& scratch_dir);

}  // namespace cib::bench
