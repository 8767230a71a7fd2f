// A client: the composition root that the C shim drives. Thread-safe. It takes posts on the
// callers' threads into the slot table it shares with its dispatcher (ClientCore), waits for
// them to settle, and serves delivery reports; the Dispatcher, on its own thread, sends them.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "config/settings.h"
#include "core/client_core.h"
#include "core/sonar_puller.h"
#include "core/summary_comments.h"

namespace cib {

// A call the client cannot take in its present state; `code` picks the cib_status.
class ClientStateError : public std::runtime_error {
 public:
  enum class Code { closed, forked, reentry, queue_full };
  ClientStateError(Code code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  Code code() const { return code_; }

 private:
  Code code_;
};

struct FlushResult {
  std::size_t left = 0;         // slots still unsettled
  std::size_t gating_left = 0;  // of every pending slot (not only the tag's), the gating ones
  bool dispatcher_stopped = false;
};

class Client {
 public:
  // Starts the dispatcher. Throws std::invalid_argument for settings the transport refuses.
  explicit Client(const Settings& settings, std::unique_ptr<Clock> clock = nullptr);
  ~Client();  // shutdown() if not done
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Takes one update: queued for delivery, or, when the host already holds it, answered with an
  // UNCHANGED report. Throws ClientStateError, and SpoolError when the spool cannot record it
  // (nothing was taken).
  void post(Update update);

  // Takes a Sonar analysis' report update and, with sonar.comment and pr > 0, its summary
  // comment. Throws as post().
  void post_sonar(Update report, std::int64_t pr);

  // Queues a scanner run for the pull-mode worker (core/sonar_puller.h), started by the first
  // call. Throws ClientStateError (queue_full: SonarPuller::kMaxWaiting are waiting), and
  // std::invalid_argument when the transport refuses sonar.url.
  void post_sonar_task(SonarTaskPost task);

  const Settings& settings() const { return core_->settings; }

  // Waits until the tag's slots settle, `timeout` runs out or the client stops.
  FlushResult flush(std::uint64_t tag, Duration timeout);
  std::size_t poll(Duration timeout);
  // Set or clear a callback; they return once no call of the one replaced runs on another
  // thread (ReportQueue). Allowed from inside a callback. Throw ClientStateError after fork().
  void set_delivery_handler(DeliveryHandler handler);
  void set_log_handler(LogHandler handler, LogLevel max_level);
  // A line of the caller's layer (the configuration's warnings at open): redacted like every
  // line; one logged before the first handler is set is held for it.
  void log(LogLevel level, const std::string& line) { core_->log(level, line); }
  std::string stats_json();
  // The request budget as cib_client_budget_json describes it. Throws BudgetError.
  std::string budget_json();

  // shutdown(), then what was left (it stays in the spool). Of several calls, also from several
  // threads at once, only the first stops the client; the others, and calls after shutdown(),
  // throw ClientStateError (closed), as do calls after fork() or from a callback.
  FlushResult close();

  // Flushes for at most shutdown.timeout_ms, aborts a request in flight, stops the dispatcher
  // (detaching it if it does not return in time) and leaves the rest undelivered. Only the
  // first call (of shutdown or close) does so; later ones return at once, even while the first
  // is still stopping. In a child after fork() it only leaks.
  void shutdown();

  // Throws ClientStateError when called after fork() or from inside a callback of this client.
  void check_caller() const;
  // Throws ClientStateError when called in a child after fork(). Touches nothing but the pid.
  void check_process() const;
  bool forked() const;
  // True on a thread inside a callback of this client (the dispatcher's, or one poll() runs).
  bool in_callback() const;

 private:
  // True for exactly one caller: the one that stops the client.
  bool claim_shutdown() { return !shut_down_.exchange(true); }
  void stop();
  // A child after fork(): leaks what the parent's threads may hold.
  void abandon_after_fork();

  // A Sonar analysis' report and, with sonar.comment, its summary comment on pull request pr.
  void take_analysis(Update report, std::int64_t pr, bool closing);
  // With puller_mutex_ held: the pull-mode worker, made on first use.
  SonarPuller& puller_locked();
  // At open, with a spool and sonar.url: the tasks of dead processes, queued again.
  void resume_pull_tasks();
  FlushResult wait_settled(std::uint64_t tag, Duration timeout);
  // Waits for pull-mode tasks of `tag`, then for the slots to settle, within `timeout`.
  FlushResult wait_all(std::uint64_t tag, Duration timeout);
  // post() without the caller checks; `closing` takes it also while the client is closing (the
  // pull-mode worker's posts during shutdown's flush).
  void take(Update update, bool closing);
  // Draws its counter and order key, journals it and takes it into the table.
  AcceptResult accept(Update update, bool closing);
  // With core_->mutex held: the order key of the post with counter `seq`.
  OrderKey next_order(std::uint64_t seq);
  // The merged text the table knows for a summary comment slot (pending, else delivered).
  std::string known_comment_body(const SlotId& id);

  std::shared_ptr<ClientCore> core_;
  SummaryComments summaries_;
  std::mutex puller_mutex_;  // guards puller_'s creation
  std::unique_ptr<SonarPuller> puller_;
  std::thread dispatcher_;
  std::thread::id dispatcher_id_;  // set once, so reading it never races with a join
  // fork_generation() when the client opened: another value means a child after fork().
  const std::uint64_t owner_generation_;
  const std::uint64_t machine_;  // order keys: this machine and process
  const std::uint32_t pid_;
  std::int64_t last_wall_ns_ = 0;  // guarded by core_->mutex; order keys never go back in time
  std::atomic<bool> shut_down_{false};
};

}  // namespace cib
