#include "budget/redis_budget_store.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>
#include <utility>

#include "budget/budget_decision.h"
#include "budget/redis_budget_scripts.h"
#include "redis/redis_error.h"

namespace cib {
namespace {

constexpr const char* kPrefix = "cibatch:budget:";
constexpr std::size_t kLoggedBatch = 500;  // entries per script call

[[noreturn]] void malformed(const RedisUrl& url) {
  throw RedisError(RedisError::Kind::damaged,
                   url.describe() + ": the budget script answered in an unexpected shape");
}

const RedisReply& element(const RedisUrl& url, const RedisReply& reply, std::size_t index) {
  if (reply.kind != RedisReply::Kind::array || index >= reply.elements.size()) malformed(url);
  return reply.elements[index];
}

std::int64_t score_ms(const std::string& score) {
  return static_cast<std::int64_t>(std::llround(std::strtod(score.c_str(), nullptr)));
}

int member_priority(const std::string& member) {
  return std::clamp(std::atoi(member.c_str()), 0, kExternalPriority);
}

// The identity a key belongs to: keys end in ":pause", ":log:<name>" or ":bucket:<name>", and
// names hold no ':'. Empty for other keys (heartbeats).
std::string identity_of(const std::string& key) {
  std::string rest = key.substr(std::string(kPrefix).size());
  const std::string pause = ":pause";
  if (rest.size() > pause.size() &&
      rest.compare(rest.size() - pause.size(), pause.size(), pause) == 0)
    return rest.substr(0, rest.size() - pause.size());
  const auto name = rest.rfind(':');
  if (name == std::string::npos || name == 0) return "";
  const auto kind = rest.rfind(':', name - 1);
  if (kind == std::string::npos) return "";
  const std::string what = rest.substr(kind + 1, name - kind - 1);
  return what == "log" || what == "bucket" ? rest.substr(0, kind) : "";
}

std::vector<std::string> limit_keys(const std::string& base, const Limits& limits) {
  std::vector<std::string> keys{base + "pause", base + "clients"};
  for (const LogLimit& log : limits.logs) keys.push_back(base + "log:" + log.name);
  for (const BucketLimit& bucket : limits.buckets) keys.push_back(base + "bucket:" + bucket.name);
  return keys;
}

// What decide() says blocked a take (its name and kind), from the take script's number for it.
void set_blocker(const Limits& limits, std::int64_t blocked, Ticket& ticket) {
  const auto logs = static_cast<std::int64_t>(limits.logs.size());
  const auto buckets = static_cast<std::int64_t>(limits.buckets.size());
  if (blocked == -1) {
    ticket.blocked_by = kPauseBlocker;
    ticket.blocker = Blocker::pause;
  } else if (blocked >= 1 && blocked <= logs) {
    const LogLimit& log = limits.logs[blocked - 1];
    ticket.blocked_by = log.name;
    ticket.blocker = log_blocker(log);
  } else if (blocked > logs && blocked <= logs + buckets) {
    ticket.blocked_by = limits.buckets[blocked - logs - 1].name;
    ticket.blocker = Blocker::bucket;
  } else if (blocked > logs + buckets && blocked <= 2 * logs + buckets) {
    ticket.blocked_by = limits.logs[blocked - logs - buckets - 1].name + kBulkShareSuffix;
    ticket.blocker = Blocker::bulk_share;
  }
}

}  // namespace

RedisBudgetStore::RedisBudgetStore(const std::string& url, const Clock& clock,
                                   std::string client_id, std::chrono::milliseconds timeout)
    : url_(parse_redis_url(url)),
      clock_(clock),
      client_id_(std::move(client_id)),
      pool_(url_, timeout),
      take_script_(redis_take_script()),
      usage_script_(redis_usage_script()),
      add_external_script_(redis_add_external_script()),
      add_logged_script_(redis_add_logged_script()),
      pause_script_(redis_pause_script()),
      heartbeat_script_(redis_heartbeat_script()) {}

std::string RedisBudgetStore::key(const std::string& identity, const std::string& suffix) const {
  return kPrefix + identity + ":" + suffix;
}

std::string RedisBudgetStore::new_member(int priority) {
  return std::to_string(priority) + ":" + unique_member();
}

std::string RedisBudgetStore::unique_member() {
  return client_id_ + ":" + std::to_string(++sequence_);
}

void RedisBudgetStore::learn_offset(std::int64_t redis_now_ms) {
  offset_ms_.store(redis_now_ms - clock_.wall_ns() / 1'000'000);
}

std::string RedisBudgetStore::describe() const {
  return url_.describe();
}

Ticket RedisBudgetStore::take(const std::string& identity, const Limits& limits,
                              const TakeRequest& request) {
  return take_observed(identity, limits, request).ticket;
}

RedisTake RedisBudgetStore::take_observed(const std::string& identity, const Limits& limits,
                                          const TakeRequest& request) {
  const int priority = static_cast<int>(request.priority);
  const std::string suffix = unique_member();
  std::vector<std::string> args{std::to_string(priority), std::to_string(limits.margin_ms),
                                std::to_string(limits.logs.size()),
                                std::to_string(limits.buckets.size()), suffix};
  for (const LogLimit& log : limits.logs) {
    const bool bulk_capped = request.priority == Priority::bulk && log.bulk_cap >= 0;
    args.push_back(log_applies(log, request) ? "1" : "0");
    args.push_back(std::to_string(log.window_ms));
    args.push_back(std::to_string(log.cap[priority]));
    args.push_back(std::to_string(bulk_capped ? log.bulk_cap : -1));
  }
  for (const BucketLimit& bucket : limits.buckets) {
    args.push_back(bucket_applies(bucket, request) ? "1" : "0");
    args.push_back(std::to_string(bucket.capacity));
    args.push_back(std::to_string(bucket.refill_ms));
  }
  const RedisReply reply =
      pool_.for_this_thread().run(take_script_, limit_keys(key(identity, ""), limits), args);

  RedisTake take;
  take.member = std::to_string(priority) + ":" + suffix;
  take.ticket.granted = element(url_, reply, 0).as_integer() == 1;
  take.ticket.wait_ms = element(url_, reply, 1).as_integer();
  const std::int64_t blocked = element(url_, reply, 2).as_integer();
  take.now_ms = element(url_, reply, 3).as_integer();
  take.live_clients = element(url_, reply, 4).as_integer();
  for (std::size_t i = 0; i < limits.logs.size(); ++i)
    take.used.push_back(element(url_, reply, 5 + i).as_integer());
  set_blocker(limits, blocked, take.ticket);
  learn_offset(take.now_ms);
  return take;
}

void RedisBudgetStore::add_external(const std::string& identity, const std::string& log,
                                    std::int64_t count, std::int64_t at_ms) {
  if (count <= 0) return;
  pool_.for_this_thread().run(
      add_external_script_, {key(identity, "log:" + log)},
      {std::to_string(count), std::to_string(at_ms),
       std::to_string(kExternalPriority) + ":" + unique_member(), std::to_string(kExternalKeepMs)});
}

std::int64_t RedisBudgetStore::add_logged(const std::string& identity,
                                          const std::vector<LoggedEntry>& entries) {
  std::int64_t added = 0;
  for (std::size_t start = 0; start < entries.size(); start += kLoggedBatch) {
    std::vector<std::string> keys;
    std::vector<std::string> args;
    for (std::size_t i = start; i < std::min(entries.size(), start + kLoggedBatch); ++i) {
      const LoggedEntry& entry = entries[i];
      const std::string log_key = key(identity, "log:" + entry.log);
      auto found = std::find(keys.begin(), keys.end(), log_key);
      if (found == keys.end()) found = keys.insert(keys.end(), log_key);
      args.push_back(std::to_string(found - keys.begin() + 1));
      args.push_back(std::to_string(entry.t_ms));
      args.push_back(entry.member.empty() ? std::to_string(entry.priority) + ":" + unique_member()
                                          : entry.member);
      args.push_back(std::to_string(entry.keep_until_ms));
    }
    added += pool_.for_this_thread().run(add_logged_script_, keys, args).as_integer();
  }
  return added;
}

void RedisBudgetStore::pause(const std::string& identity, std::int64_t until_ms) {
  const RedisReply reply = pool_.for_this_thread().run(pause_script_, {key(identity, "pause")},
                                                       {std::to_string(until_ms)});
  learn_offset(reply.as_integer());
}

Usage RedisBudgetStore::usage(const std::string& identity, const Limits& limits) {
  std::vector<std::string> args{std::to_string(limits.margin_ms),
                                std::to_string(limits.logs.size()),
                                std::to_string(limits.buckets.size())};
  for (const LogLimit& log : limits.logs) args.push_back(std::to_string(log.window_ms));
  const RedisReply reply =
      pool_.for_this_thread().run(usage_script_, limit_keys(key(identity, ""), limits), args);

  const std::int64_t now = element(url_, reply, 0).as_integer();
  std::vector<LogView> views(limits.logs.size());
  for (std::size_t i = 0; i < views.size(); ++i) {
    const RedisReply& flat = element(url_, reply, 3 + i);
    for (std::size_t k = 0; k + 1 < flat.elements.size(); k += 2) {
      views[i].entries.push_back(
          {score_ms(flat.elements[k + 1].text), member_priority(flat.elements[k].text)});
    }
  }
  std::vector<BucketLevel> levels(limits.buckets.size());
  for (std::size_t j = 0; j < levels.size(); ++j) {
    const RedisReply& state = element(url_, reply, 3 + views.size() + j);
    const std::string& updated = element(url_, state, 1).text;
    if (updated.empty()) continue;  // never used, or full long enough to expire
    levels[j].tokens = std::strtod(element(url_, state, 0).text.c_str(), nullptr);
    levels[j].updated_ms = score_ms(updated);
  }
  Usage usage = measure(limits, now, views, levels, element(url_, reply, 1).as_integer());
  usage.live_clients = element(url_, reply, 2).as_integer();
  learn_offset(now);
  return usage;
}

std::vector<std::string> RedisBudgetStore::identities() {
  std::set<std::string> found;
  std::string cursor = "0";
  do {
    const RedisReply reply = pool_.for_this_thread().command(
        {"SCAN", cursor, "MATCH", std::string(kPrefix) + "*", "COUNT", "1000"});
    cursor = element(url_, reply, 0).text;
    for (const RedisReply& name : element(url_, reply, 1).elements) {
      std::string identity = identity_of(name.text);
      if (!identity.empty()) found.insert(std::move(identity));
    }
  } while (cursor != "0");
  return {found.begin(), found.end()};
}

void RedisBudgetStore::heartbeat(const std::string& identity, const std::string& client_id,
                                 std::int64_t ttl_ms) {
  heartbeat_observed(identity, client_id, ttl_ms);
}

std::int64_t RedisBudgetStore::heartbeat_observed(const std::string& identity,
                                                  const std::string& client_id,
                                                  std::int64_t ttl_ms) {
  return pool_.for_this_thread()
      .run(heartbeat_script_, {key(identity, "clients")},
           {client_id, std::to_string(std::max<std::int64_t>(1, ttl_ms))})
      .as_integer();
}

std::int64_t RedisBudgetStore::now_ms() {
  const RedisReply reply = pool_.for_this_thread().command({"TIME"});
  const std::int64_t now =
      element(url_, reply, 0).as_integer() * 1000 + element(url_, reply, 1).as_integer() / 1000;
  learn_offset(now);
  return now;
}

}  // namespace cib
