#include "budget/budget_report.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "budget/budget.h"

namespace cib {

const LogLimit* rolling_log(const Limits& limits) {
  for (const LogLimit& log : limits.logs) {
    if (log.name == kRollingLogName) return &log;
  }
  return nullptr;
}

const LogUsage* rolling_use(const Usage& usage) {
  for (const LogUsage& log : usage.logs) {
    if (log.name == kRollingLogName) return &log;
  }
  return nullptr;
}

Poco::JSON::Object::Ptr usage_object(const std::string& identity, const std::string& store,
                                     const Usage& usage, const Limits& limits,
                                     const RollingLimit& rolling) {
  Poco::JSON::Object::Ptr root = new Poco::JSON::Object;
  root->set("identity", identity);
  root->set("store", store);
  const LogLimit* log = rolling_log(limits);
  const LogUsage* use = rolling_use(usage);
  root->set("limit", rolling.limit);
  root->set("window_s", rolling.window_ms / 1000);
  root->set("window_assumed", rolling.window_assumed);
  root->set("reserve", rolling.reserve);
  const std::int64_t used = use != nullptr ? use->used : 0;
  root->set("used", used);
  // -1: no rolling limit, nothing to run out of.
  root->set("remaining", log != nullptr
                             ? std::max<std::int64_t>(0, rolling.limit - rolling.reserve - used)
                             : -1);
  // When a gating request could next go: now (0), or when the window next has room.
  std::int64_t next_free = 0;
  if (log != nullptr && use != nullptr && used >= log->cap[0] && use->oldest_ms > 0) {
    next_free = std::max<std::int64_t>(
        0, use->oldest_ms + log->window_ms + limits.margin_ms - usage.now_ms);
  }
  if (usage.paused_until_ms > usage.now_ms) {
    next_free = std::max(next_free, usage.paused_until_ms - usage.now_ms);
  }
  root->set("next_free_ms", next_free);
  root->set("paused_until_ms", usage.paused_until_ms);
  root->set("live_clients", usage.live_clients);
  Poco::JSON::Object by_priority;
  for (int p = 0; p < kPriorityCount; ++p) {
    by_priority.set(to_string(static_cast<Priority>(p)), use != nullptr ? use->by_priority[p] : 0);
  }
  by_priority.set("external", use != nullptr ? use->by_priority[kExternalPriority] : 0);
  root->set("by_priority", by_priority);
  Poco::JSON::Array logs;
  for (const LogUsage& entry : usage.logs) {
    Poco::JSON::Object item;
    item.set("name", entry.name);
    item.set("window_ms", entry.window_ms);
    item.set("limit", entry.limit);
    item.set("used", entry.used);
    logs.add(item);
  }
  root->set("logs", logs);
  Poco::JSON::Array buckets;
  for (const BucketUsage& entry : usage.buckets) {
    Poco::JSON::Object item;
    item.set("name", entry.name);
    item.set("capacity", entry.capacity);
    item.set("tokens", std::floor(entry.tokens * 100.0) / 100.0);
    buckets.add(item);
  }
  root->set("buckets", buckets);
  return root;
}

std::string budget_store_json(const Settings& settings, const Clock& clock) {
  const Limits limits = limits_for(settings, Learned{});
  const RollingLimit rolling = rolling_limit(settings, Learned{});
  const std::shared_ptr<BudgetStore> store =
      open_budget_store(settings, clock, "inspect", [](const std::string&) {});
  Poco::JSON::Object root;
  root.set("store", store->describe());
  Poco::JSON::Array identities;
  for (const std::string& identity : store->identities()) {
    identities.add(
        usage_object(identity, store->describe(), store->usage(identity, limits), limits, rolling));
  }
  root.set("identities", identities);
  std::ostringstream out;
  root.stringify(out);
  return out.str();
}

}  // namespace cib
