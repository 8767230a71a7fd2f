// The machine-wide budget: every process and user of the machine that opens the same SQLite
// file (budget.path) shares one request log per identity. A take is one BEGIN IMMEDIATE
// transaction (read the log, decide, append), so two processes never both take the last
// request of a window.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "budget/budget_decision.h"
#include "budget/budget_store.h"
#include "runtime/clock.h"

namespace cib {

class Database;

class SqliteBudgetStore final : public BudgetStore {
 public:
  // Opens (creating when absent, see prepare_budget_file) the budget file at `path`, shared with
  // `group` (0660) or private (0600) when it is empty, in WAL mode with schema version 1.
  // busy_timeout_ms: how long a take waits for another process's transaction. `clock` must
  // outlive the store. Throws BudgetError naming the file and the fix: damaged for a file that
  // is not a budget file (left untouched), config for one written by a newer cibatch, a network
  // filesystem or an unknown group, unavailable when it cannot be opened.
  SqliteBudgetStore(std::string path, std::string group, std::int64_t busy_timeout_ms,
                    const Clock& clock);
  ~SqliteBudgetStore() override;
  SqliteBudgetStore(const SqliteBudgetStore&) = delete;
  SqliteBudgetStore& operator=(const SqliteBudgetStore&) = delete;

  // Every member may run on any thread; a mutex serialises them on this object's connection,
  // the file's locks serialise them with other connections. Each throws BudgetError
  // (unavailable) when the file cannot be read or written.
  Ticket take(const std::string& identity, const Limits& limits,
              const TakeRequest& request) override;
  void add_external(const std::string& identity, const std::string& log, std::int64_t count,
                    std::int64_t at_ms) override;
  void pause(const std::string& identity, std::int64_t until_ms) override;
  Usage usage(const std::string& identity, const Limits& limits) override;
  std::vector<std::string> identities() override;
  void heartbeat(const std::string& identity, const std::string& client_id,
                 std::int64_t ttl_ms) override;
  std::int64_t now_ms() override;
  std::string describe() const override;

 private:
  struct Statements;

  std::int64_t wall_ms() const;
  std::vector<LogView> read_logs(const std::string& identity, const Limits& limits,
                                 std::int64_t now_ms);
  std::vector<BucketLevel> read_buckets(const std::string& identity, const Limits& limits);
  std::int64_t read_pause(const std::string& identity);
  void forget_old_entries(const std::string& identity, const Limits& limits, std::int64_t now_ms);
  void append(const std::string& identity, const std::string& log, std::int64_t t_ms, int priority);
  void write_buckets(const std::string& identity, const Limits& limits,
                     const std::vector<BucketLevel>& levels);

  const std::string path_;
  const std::int64_t busy_timeout_ms_;
  const Clock& clock_;
  std::mutex mutex_;  // guards db_ and statements_
  std::unique_ptr<Database> db_;
  std::unique_ptr<Statements> statements_;
};

}  // namespace cib
