// One identity the agent serves: its client (one per configured host and credential), the
// thread that serves the client's delivery reports, and the requests waiting for delivery
// (a post with --wait, a flush). Waiting costs no thread: a waiter is checked whenever a
// report of its tags arrives, and at least every kCheckMs, with a flush that does not wait
// (which also sends its updates at once).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "agent_protocol.h"
#include "cibatch.hpp"
#include "log_sink.h"
#include "tag_ledger.h"

namespace cib::cli {

// Where a waiting request's answer goes: answer() at most once; gone() when the peer left.
struct AnswerSink {
  std::function<void(std::string line)> answer;
  std::function<bool()> gone;
};

class AgentIdentity {
 public:
  static constexpr std::chrono::milliseconds kCheckMs{100};

  // Opens the client (cibatch::Error when the library refuses conf). Log lines go to log.
  AgentIdentity(const cibatch::Config& conf, agent::IdentityInfo info, LogSink& log,
                std::string scratch_folder);
  ~AgentIdentity();  // stop()
  AgentIdentity(const AgentIdentity&) = delete;
  AgentIdentity& operator=(const AgentIdentity&) = delete;

  const agent::IdentityInfo& info() const { return info_; }

  // Posts and answers through sink: at once, or once delivered when request.wait_ms >= 0.
  // Throws trace::TraceError (malformed post) and cibatch::Error (refused): nothing was
  // posted then and sink was not used.
  void post(const agent::PostRequest& request, const AnswerSink& sink);
  // Answers through sink once the tag's posts are settled or request.timeout_ms passed.
  void flush(const agent::FlushRequest& request, const AnswerSink& sink);

  // Answers every waiter with how far it got, closes the client (which keeps delivering for
  // shutdown.timeout_ms; what is left stays in the spool), stops the report thread. Returns
  // the slots left. Idempotent.
  std::size_t stop();

 private:
  struct Waiter {
    std::vector<std::uint64_t> tags;  // the library's tags to settle
    std::uint64_t user_tag = 0;       // whose records a flush answers with
    bool own_reports = false;         // a --wait post: answer with the reports it collected
    std::vector<agent::DeliveryRecord> reports;
    std::chrono::steady_clock::time_point deadline;
    AnswerSink sink;
  };
  using Waiters = std::map<std::uint64_t, Waiter>;  // by waiter number
  struct Due {  // a waiter to answer now, and how its tags stand
    std::uint64_t id;
    agent::Settled settled;
  };

  void pump();
  void on_delivery(const cibatch::Delivery& delivery);
  void check_waiters(bool final_check);
  void answer_due(std::vector<Due>& due, bool final_check,
                  std::chrono::steady_clock::time_point now);
  // Under mutex_: forgets the --wait tags a settled waiter no longer needs.
  void forget_settled_tags(const Waiter& waiter);
  // How the waiter's tags stand (a flush that does not wait, once per tag per check).
  agent::Settled settle(const Waiter& waiter, std::map<std::uint64_t, cibatch::Settlement>& seen);
  void add_waiter(Waiter waiter);

  const agent::IdentityInfo info_;
  const std::string scratch_folder_;
  LogSink& log_;
  cibatch::Client client_;

  std::mutex mutex_;  // guards everything below
  Waiters waiters_;
  std::uint64_t next_waiter_ = 0;
  std::uint64_t next_own_tag_ = 0;
  std::map<std::uint64_t, std::uint64_t> own_tags_;        // --wait tag → its request's tag
  std::map<std::uint64_t, std::set<std::uint64_t>> open_;  // request tag → --wait tags unsettled
  TagLedger ledger_;

  std::atomic<bool> stopping_{false};
  bool stopped_ = false;
  std::size_t left_ = 0;
  std::thread pump_;
};

}  // namespace cib::cli
