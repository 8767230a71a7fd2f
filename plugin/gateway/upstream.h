// One host the gateway serves: its credential (which never leaves this object but in the
// Authorization header of a request to the host), its budget (the same identity and store as
// the library's clients of that account, so both spend one window) and a small pool of
// keep-alive connections. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "budget/budget.h"
#include "core/credential.h"
#include "gateway/gateway_config.h"
#include "gateway/gateway_metrics.h"
#include "gateway/gateway_server.h"
#include "gateway/gateway_types.h"
#include "runtime/clock.h"
#include "transport/http_client.h"

namespace cib::gw {

// The library's priority a tool's requests take: the library keeps gating for itself.
Priority budget_priority(ToolPriority priority);

class Upstream {
 public:
  Upstream(const UpstreamConfig& config, std::size_t connections, const Clock& clock,
           ServerLog log);
  ~Upstream();
  Upstream(const Upstream&) = delete;
  Upstream& operator=(const Upstream&) = delete;

  const std::string& mount() const { return mount_; }
  const std::string& api_url() const { return api_url_; }  // without a trailing '/'
  const std::string& identity() const { return budget_->identity(); }
  HostKind kind() const { return kind_; }
  const char* kind_name() const;

  // A 304 the host does not count (GitHub): a conditional read is charged only when answered
  // otherwise.
  bool free_not_modified() const { return kind_ == HostKind::github; }

  // Takes room in the account's budget for one request. A store that fails refuses (and logs).
  Ticket take(ToolPriority priority, const HttpRequest& request);
  Ticket held(Priority priority, std::int64_t now_ms);
  void hold(Priority priority, const Ticket& refusal, std::int64_t now_ms);
  // Counts a request already answered (a conditional read that was not a 304).
  void charge(ToolPriority priority, const HttpRequest& request);

  // Sends with the account's credential on one of the pool's connections and lets the budget
  // learn from the answer. After a 401 the credential is read again and, when it changed, the
  // request sent once more. An error answer has the credential's secrets redacted. Throws
  // TransportError when the host gave no answer.
  HttpResponse send(const HttpRequest& request);

  BudgetView budget_view();
  void heartbeat();

 private:
  std::unique_ptr<HttpClient> lease();
  void give_back(std::unique_ptr<HttpClient> client);
  HttpResponse send_once(const HttpRequest& request);
  void learn(const HttpResponse& response);

  const Settings settings_;  // without the credential
  const std::string mount_;
  const std::string api_url_;
  const HostKind kind_;
  const std::string client_id_;
  ServerLog log_;
  Credential credential_;
  std::unique_ptr<Budget> budget_;
  // A refusal by the rolling window or a pause holds the refused priority and those below it
  // here, so tools that keep asking do not each take a write lock on the shared store (which
  // the library's own clients need) only to hear the same answer.
  std::mutex hold_mutex_;
  std::int64_t held_until_ms_[kPriorityCount] = {};  // steady ms
  std::string held_by_[kPriorityCount];
  const std::size_t connections_;
  std::mutex pool_mutex_;
  std::condition_variable pool_free_;
  std::vector<std::unique_ptr<HttpClient>> idle_;
  std::size_t open_ = 0;  // connections made (idle or leased)
};

}  // namespace cib::gw
