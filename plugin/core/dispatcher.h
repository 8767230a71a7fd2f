// The dispatcher: one thread per client that sends due slots one at a time, newest content
// only, and decides from each outcome whether to record it, retry it, pause or report it.
//
// Everything it decides is here: the 429 and 401 pauses, the backoff of rate-limited
// attempts, the budget's refusals per priority, and when the spool is read again, delivered
// records expire and the budget hears a heartbeat. Only its own thread touches this state
// (the constructor runs before the thread starts); what it shares with the caller side is the
// slot table under ClientCore::mutex.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "budget/budget_types.h"
#include "core/client_core.h"
#include "core/delivery_failure.h"
#include "core/spool_link.h"
#include "transport/retry_policy.h"

namespace cib {

class Dispatcher {
 public:
  // Takes the identity's pending slots from the spool into the table (resume_from_spool): a
  // client that returns from its constructor already holds them.
  Dispatcher(std::shared_ptr<ClientCore> core, UnitRandom random);

  // The thread's body: delivers due slots until ClientCore::stopping, then sets
  // dispatcher_done. Never throws.
  void run();

 private:
  // The loop (dispatcher.cpp). Each is called with the lock held; some release it meanwhile.
  void turn(std::unique_lock<std::mutex>& lock);
  bool wait_out_pauses(std::unique_lock<std::mutex>& lock, TimePoint now);
  void housekeeping(std::unique_lock<std::mutex>& lock, TimePoint now);
  void heartbeat(std::unique_lock<std::mutex>& lock, TimePoint now);
  void expire_delivered(std::unique_lock<std::mutex>& lock, TimePoint now);
  void sleep_until(std::unique_lock<std::mutex>& lock, TimePoint until);
  void publish(std::vector<DeliveryReport>& reports, std::unique_lock<std::mutex>& lock);

  // One slot (dispatcher_delivery.cpp).
  void deliver_slot(Slot& slot, std::unique_lock<std::mutex>& lock);
  DeliveryResult send_content(Slot& slot, Priority priority, std::uint64_t seq,
                              const Content& content, bool force, SpoolLease* lease);
  void settle_delivery(Slot& slot, std::uint64_t seq, const Content& content,
                       const DeliveryResult& result, bool sent, bool foreign, Priority priority,
                       std::vector<DeliveryReport>& reports);

  // What an outcome means (dispatcher_results.cpp), with the lock held.
  // `foreign`: the content sent was another process's (its posts here are SUPERSEDED).
  void apply_result(Slot& slot, std::uint64_t seq, const Content& content,
                    const DeliveryResult& result, std::vector<DeliveryReport>& reports,
                    bool foreign);
  // The time before which a failed slot is not tried again; pauses the identity after a 429.
  // `attempts` counts the slot's failures so far and grows by one.
  TimePoint schedule_retry(int& attempts, const DeliveryResult& result);
  // A refusal that would refuse every lower priority too holds them all without asking the
  // store again; any other holds only the slot that met it.
  void note_budget_wait(Priority priority, const DeliveryResult& result);

  const std::shared_ptr<ClientCore> owner_;  // kept alive while the thread runs
  ClientCore& core_;
  const UnitRandom random_;
  const BackoffPolicy backoff_;

  TimePoint paused_until_{};       // a 429 pauses the whole identity
  TimePoint auth_paused_until_{};  // a 401 too, until the credential is read again
  bool auth_reload_ = false;
  int rate_limit_attempts_ = 0;  // 429s in a row, for the backoff when the host gives no advice
  // A priority the budget refused waits until then; lower ones wait at least as long.
  TimePoint budget_blocked_[kPriorityCount]{};
  SpoolRescan rescan_;          // when the spool is next read for other processes' slots
  TimePoint next_expiry_{};     // when delivered records are next checked for expiry
  TimePoint next_heartbeat_{};  // when the budget next hears that this client is alive
  int turn_failures_ = 0;       // turns in a row that threw (a spool it cannot write, a bug)
  std::string last_failure_;    // what the last of them logged, not logged again meanwhile
};

}  // namespace cib
