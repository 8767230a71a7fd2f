#include "budget/memory_budget_store.h"

#include <algorithm>

namespace cib {

std::int64_t MemoryBudgetStore::now_ms() {
  return clock_.wall_ns() / 1'000'000;
}

std::vector<LogView> MemoryBudgetStore::views(Identity& identity, const Limits& limits,
                                              std::int64_t now_ms) {
  const std::int64_t horizon = horizon_ms(limits, now_ms);
  std::vector<LogView> views;
  for (const LogLimit& limit : limits.logs) {
    std::vector<LogEntry>& entries = identity.logs[limit.name];
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [horizon](const LogEntry& e) { return e.t_ms <= horizon; }),
                  entries.end());
    views.push_back(LogView{entries});
  }
  return views;
}

std::int64_t MemoryBudgetStore::live_clients(Identity& identity, std::int64_t now_ms) {
  for (auto client = identity.clients.begin(); client != identity.clients.end();) {
    client = client->second <= now_ms ? identity.clients.erase(client) : std::next(client);
  }
  return static_cast<std::int64_t>(identity.clients.size());
}

Ticket MemoryBudgetStore::take(const std::string& identity, const Limits& limits,
                               const TakeRequest& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::int64_t now = now_ms();
  Identity& state = identities_[identity];
  const std::vector<LogView> logs = views(state, limits, now);
  std::vector<BucketLevel> buckets;
  for (const BucketLimit& limit : limits.buckets) buckets.push_back(state.buckets[limit.name]);
  const Ticket ticket = decide(limits, request, now, logs, buckets, state.paused_until_ms);
  if (!ticket.granted) return ticket;
  for (const LogLimit& limit : limits.logs) {
    if (log_applies(limit, request)) {
      state.logs[limit.name].push_back({now, static_cast<int>(request.priority)});
    }
  }
  for (std::size_t i = 0; i < limits.buckets.size(); ++i) {
    state.buckets[limits.buckets[i].name] = buckets[i];
  }
  return ticket;
}

void MemoryBudgetStore::add_external(const std::string& identity, const std::string& log,
                                     std::int64_t count, std::int64_t at_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<LogEntry>& entries = identities_[identity].logs[log];
  for (std::int64_t i = 0; i < count; ++i) entries.push_back({at_ms, kExternalPriority});
  std::stable_sort(entries.begin(), entries.end(),
                   [](const LogEntry& a, const LogEntry& b) { return a.t_ms < b.t_ms; });
}

void MemoryBudgetStore::append(const std::string& identity, const std::string& log,
                               const LogEntry& entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<LogEntry>& entries = identities_[identity].logs[log];
  entries.push_back(entry);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const LogEntry& a, const LogEntry& b) { return a.t_ms < b.t_ms; });
}

void MemoryBudgetStore::pause(const std::string& identity, std::int64_t until_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::int64_t& paused = identities_[identity].paused_until_ms;
  paused = std::max(paused, until_ms);
}

Usage MemoryBudgetStore::usage(const std::string& identity, const Limits& limits) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::int64_t now = now_ms();
  Identity& state = identities_[identity];
  const std::vector<LogView> logs = views(state, limits, now);
  std::vector<BucketLevel> buckets;
  for (const BucketLimit& limit : limits.buckets) buckets.push_back(state.buckets[limit.name]);
  Usage usage = measure(limits, now, logs, buckets, state.paused_until_ms);
  usage.live_clients = live_clients(state, now);
  return usage;
}

std::vector<std::string> MemoryBudgetStore::identities() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> names;
  for (const auto& entry : identities_) names.push_back(entry.first);
  return names;
}

void MemoryBudgetStore::heartbeat(const std::string& identity, const std::string& client_id,
                                  std::int64_t ttl_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  identities_[identity].clients[client_id] = now_ms() + ttl_ms;
}

}  // namespace cib
