#include "budget/sqlite_budget_store.h"

#include <cmath>
#include <utility>

#include "budget/budget_database.h"

namespace cib {
namespace {

constexpr double kMicroTokens = 1'000'000.0;

}  // namespace

// Prepared once: a take runs only these, against entries_by_time and primary keys.
struct SqliteBudgetStore::Statements {
  explicit Statements(Database& db)
      : forget_entries(
            db.prepare("DELETE FROM entries WHERE identity = ?1 AND log = ?2 AND t_ms < ?3")),
        select_entries(db.prepare("SELECT t_ms, priority FROM entries "
                                  "WHERE identity = ?1 AND log = ?2 AND t_ms > ?3 ORDER BY t_ms")),
        insert_entry(db.prepare(
            "INSERT INTO entries(identity, log, t_ms, priority) VALUES(?1, ?2, ?3, ?4)")),
        select_bucket(db.prepare(
            "SELECT micro_tokens, updated_ms FROM buckets WHERE identity = ?1 AND name = ?2")),
        upsert_bucket(db.prepare(
            "INSERT INTO buckets(identity, name, micro_tokens, updated_ms) VALUES(?1, ?2, ?3, ?4) "
            "ON CONFLICT(identity, name) DO UPDATE SET micro_tokens = excluded.micro_tokens, "
            "updated_ms = excluded.updated_ms")),
        select_pause(db.prepare("SELECT until_ms FROM pauses WHERE identity = ?1")),
        extend_pause(db.prepare(
            "INSERT INTO pauses(identity, until_ms) VALUES(?1, ?2) ON CONFLICT(identity) "
            "DO UPDATE SET until_ms = max(until_ms, excluded.until_ms)")),
        forget_heartbeats(db.prepare("DELETE FROM heartbeats WHERE expires_ms <= ?1")),
        upsert_heartbeat(db.prepare(
            "INSERT INTO heartbeats(identity, client_id, expires_ms) VALUES(?1, ?2, ?3) "
            "ON CONFLICT(identity, client_id) DO UPDATE SET expires_ms = excluded.expires_ms")),
        count_live(
            db.prepare("SELECT count(*) FROM heartbeats WHERE identity = ?1 AND expires_ms > ?2")),
        select_identities(db.prepare(
            "SELECT identity FROM entries UNION SELECT identity FROM pauses WHERE until_ms > ?1 "
            "UNION SELECT identity FROM heartbeats WHERE expires_ms > ?1 ORDER BY identity")) {}

  Statement forget_entries;
  Statement select_entries;
  Statement insert_entry;
  Statement select_bucket;
  Statement upsert_bucket;
  Statement select_pause;
  Statement extend_pause;
  Statement forget_heartbeats;
  Statement upsert_heartbeat;
  Statement count_live;
  Statement select_identities;
};

SqliteBudgetStore::SqliteBudgetStore(std::string path, std::string group,
                                     std::int64_t busy_timeout_ms, const Clock& clock)
    : path_(std::move(path)),
      busy_timeout_ms_(busy_timeout_ms),
      clock_(clock),
      db_(open_budget_database(path_, group, busy_timeout_ms_)) {
  try {
    statements_ = std::make_unique<Statements>(*db_);
  } catch (const SqliteError& error) {
    throw budget_error(error, "preparing its statements", busy_timeout_ms_);
  }
}

// Statements are finalized before the connection closes.
SqliteBudgetStore::~SqliteBudgetStore() = default;

Ticket SqliteBudgetStore::take(const std::string& identity, const Limits& limits,
                               const TakeRequest& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    ImmediateTransaction transaction(*db_);
    // Read after the lock is held: an entry logged with the time the take began waiting would
    // leave the window before the host's record of the request does.
    const std::int64_t now = wall_ms();
    forget_old_entries(identity, limits, now);
    const std::vector<LogView> logs = read_logs(identity, limits, now);
    std::vector<BucketLevel> buckets = read_buckets(identity, limits);
    const Ticket ticket = decide(limits, request, now, logs, buckets, read_pause(identity));
    if (ticket.granted) {
      for (const LogLimit& log : limits.logs) {
        if (log_applies(log, request)) {
          append(identity, log.name, now, static_cast<int>(request.priority));
        }
      }
      write_buckets(identity, limits, buckets);
    }
    transaction.commit();
    return ticket;
  } catch (const SqliteError& error) {
    throw budget_error(error, "taking a request", busy_timeout_ms_);
  }
}

void SqliteBudgetStore::add_external(const std::string& identity, const std::string& log,
                                     std::int64_t count, std::int64_t at_ms) {
  if (count <= 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    ImmediateTransaction transaction(*db_);
    for (std::int64_t i = 0; i < count; ++i) append(identity, log, at_ms, kExternalPriority);
    transaction.commit();
  } catch (const SqliteError& error) {
    throw budget_error(error, "logging external requests", busy_timeout_ms_);
  }
}

void SqliteBudgetStore::pause(const std::string& identity, std::int64_t until_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    StatementUse use(statements_->extend_pause);
    use->bind_text(1, identity).bind_int64(2, until_ms).run();
  } catch (const SqliteError& error) {
    throw budget_error(error, "pausing an identity", busy_timeout_ms_);
  }
}

// Each read is its own snapshot: usage is for reports, and a take between two reads only
// makes the report a moment older in part.
Usage SqliteBudgetStore::usage(const std::string& identity, const Limits& limits) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    const std::int64_t now = wall_ms();
    const std::vector<LogView> logs = read_logs(identity, limits, now);
    const std::vector<BucketLevel> buckets = read_buckets(identity, limits);
    Usage usage = measure(limits, now, logs, buckets, read_pause(identity));
    StatementUse live(statements_->count_live);
    live->bind_text(1, identity).bind_int64(2, now);
    usage.live_clients = live->step() ? live->column_int64(0) : 0;
    return usage;
  } catch (const SqliteError& error) {
    throw budget_error(error, "reading the budget's use", busy_timeout_ms_);
  }
}

std::vector<std::string> SqliteBudgetStore::identities() {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    StatementUse select(statements_->select_identities);
    select->bind_int64(1, wall_ms());
    std::vector<std::string> found;
    while (select->step()) found.push_back(select->column_text(0));
    return found;
  } catch (const SqliteError& error) {
    throw budget_error(error, "listing identities", busy_timeout_ms_);
  }
}

void SqliteBudgetStore::heartbeat(const std::string& identity, const std::string& client_id,
                                  std::int64_t ttl_ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  try {
    ImmediateTransaction transaction(*db_);
    const std::int64_t now = wall_ms();
    {
      StatementUse forget(statements_->forget_heartbeats);
      forget->bind_int64(1, now).run();
    }
    StatementUse upsert(statements_->upsert_heartbeat);
    upsert->bind_text(1, identity).bind_text(2, client_id).bind_int64(3, now + ttl_ms).run();
    transaction.commit();
  } catch (const SqliteError& error) {
    throw budget_error(error, "recording a heartbeat", busy_timeout_ms_);
  }
}

std::int64_t SqliteBudgetStore::now_ms() {
  return wall_ms();
}

std::string SqliteBudgetStore::describe() const {
  return "sqlite " + path_;
}

std::int64_t SqliteBudgetStore::wall_ms() const {
  return clock_.wall_ns() / 1'000'000;
}

std::vector<LogView> SqliteBudgetStore::read_logs(const std::string& identity, const Limits& limits,
                                                  std::int64_t now_ms) {
  std::vector<LogView> views(limits.logs.size());
  Statement& select = statements_->select_entries;
  for (std::size_t i = 0; i < limits.logs.size(); ++i) {
    const LogLimit& log = limits.logs[i];
    StatementUse use(select);
    // Only entries that still count (budget_decision.cpp counts t > now - window - margin).
    select.bind_text(1, identity)
        .bind_text(2, log.name)
        .bind_int64(3, now_ms - log.window_ms - limits.margin_ms);
    while (select.step()) {
      views[i].entries.push_back(
          LogEntry{select.column_int64(0), static_cast<int>(select.column_int64(1))});
    }
  }
  return views;
}

std::vector<BucketLevel> SqliteBudgetStore::read_buckets(const std::string& identity,
                                                         const Limits& limits) {
  std::vector<BucketLevel> levels(limits.buckets.size());  // absent: never used, full
  Statement& select = statements_->select_bucket;
  for (std::size_t i = 0; i < limits.buckets.size(); ++i) {
    StatementUse use(select);
    select.bind_text(1, identity).bind_text(2, limits.buckets[i].name);
    if (!select.step()) continue;
    levels[i].tokens = static_cast<double>(select.column_int64(0)) / kMicroTokens;
    levels[i].updated_ms = select.column_int64(1);
  }
  return levels;
}

std::int64_t SqliteBudgetStore::read_pause(const std::string& identity) {
  StatementUse select(statements_->select_pause);
  select->bind_text(1, identity);
  return select->step() ? select->column_int64(0) : 0;
}

// Per log, so each delete is a range of entries_by_time. Every log of the identity shares the
// horizon of the longest window, so a log is never cut shorter than any other log needs.
void SqliteBudgetStore::forget_old_entries(const std::string& identity, const Limits& limits,
                                           std::int64_t now_ms) {
  const std::int64_t horizon = horizon_ms(limits, now_ms);
  Statement& forget = statements_->forget_entries;
  for (const LogLimit& log : limits.logs) {
    StatementUse use(forget);
    forget.bind_text(1, identity).bind_text(2, log.name).bind_int64(3, horizon).run();
  }
}

void SqliteBudgetStore::append(const std::string& identity, const std::string& log,
                               std::int64_t t_ms, int priority) {
  StatementUse insert(statements_->insert_entry);
  insert->bind_text(1, identity)
      .bind_text(2, log)
      .bind_int64(3, t_ms)
      .bind_int64(4, priority)
      .run();
}

void SqliteBudgetStore::write_buckets(const std::string& identity, const Limits& limits,
                                      const std::vector<BucketLevel>& levels) {
  Statement& upsert = statements_->upsert_bucket;
  for (std::size_t i = 0; i < limits.buckets.size() && i < levels.size(); ++i) {
    StatementUse use(upsert);
    upsert.bind_text(1, identity)
        .bind_text(2, limits.buckets[i].name)
        .bind_int64(3, std::llround(levels[i].tokens * kMicroTokens))
        .bind_int64(4, levels[i].updated_ms)
        .run();
  }
}

}  // namespace cib
