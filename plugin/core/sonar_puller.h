// Pull mode's worker: a thread of its own (started by the first task) that waits for each
// scanner run's compute-engine task, reads the analysis from the Sonar server and posts it
// through the client, one task at a time in the order they came. Never the dispatcher's thread,
// never the caller's: a task may wait minutes.
//
// A task that cannot end in a report (failed, timed out, a server that refuses) becomes one
// FAILED delivery report for the report's slot and the task's tag. Flush and shutdown wait for
// tasks through wait_idle(); stop() ends them. With a spool, each task is kept there until it
// ends (Spool::save_pull_task), and a client that opens later adopts those of dead processes.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/client_core.h"
#include "core/slot_table.h"
#include "sonar_pull/report_task.h"

namespace cib {

// One scanner run to post: the report slot (repo, commit, report id), its tag and force flag,
// the pull request for the summary comment, and what report-task.txt said.
struct SonarTaskPost {
  Update base;
  std::int64_t pr = 0;
  sonar::ReportTask task;
};

class SonarPuller {
 public:
  static constexpr std::size_t kMaxWaiting = 100;

  // Posts an analysis' report update (and its comment): throws when the client refuses it.
  using Post = std::function<void(Update report, std::int64_t pr)>;

  // Throws std::invalid_argument when the transport refuses sonar.url.
  SonarPuller(std::shared_ptr<ClientCore> core, Post post);
  ~SonarPuller();  // stop()
  SonarPuller(const SonarPuller&) = delete;
  SonarPuller& operator=(const SonarPuller&) = delete;

  // Queues a task; false when kMaxWaiting are waiting. With a spool, the task is saved there
  // first (SpoolError passes through: nothing was queued), so that a client opened after this
  // process died resumes it. Starts the thread on the first call.
  bool add(SonarTaskPost task);
  // Queues tasks a dead process left in the spool (already saved there).
  void resume(std::vector<SonarTaskPost> tasks);

  // Waits until no task of `tag` (0: of any tag) waits or runs, or until `deadline`. Returns
  // how many are left.
  std::size_t wait_idle(std::uint64_t tag, TimePoint deadline);

  // Ends the task running (its request aborted, its wait cut short) and those waiting: with a
  // spool they stay there for a later client, without one each gets a FAILED delivery report.
  // After it returns, `post` is never called again. Waits a second at most for the thread,
  // then leaves it (it keeps what it uses alive).
  void stop();

  // A child after fork(): the thread does not exist there. Leaks what the parent's may hold.
  void abandon_after_fork();

 private:
  struct State;
  // With the state's mutex held: counts and queues the task, starting the thread when needed.
  void enqueue_locked(SonarTaskPost task);

  std::shared_ptr<State> state_;
  std::thread thread_;
};

}  // namespace cib
