// Which store a client's budget lives in, from its settings.
#include <unistd.h>

#include <string>

#include "budget/budget.h"
#include "budget/budget_error.h"
#include "budget/budget_files.h"
#include "budget/fallback_budget_store.h"
#include "budget/memory_budget_store.h"
#include "budget/sqlite_budget_store.h"

namespace cib {

std::shared_ptr<BudgetStore> open_budget_store(const Settings& settings, const Clock& clock,
                                               const std::string& client_id,
                                               std::function<void(const std::string&)> warn) {
  // No limit to keep: nothing to share, and no file is made.
  const Limits limits = limits_for(settings, Learned{});
  if (limits.logs.empty() && limits.buckets.empty()) {
    return std::make_shared<MemoryBudgetStore>(clock);
  }
  if (!settings.budget_shared.empty()) {
    return std::make_shared<FallbackBudgetStore>(settings.budget_shared, clock, client_id,
                                                 std::move(warn));
  }
  if (!settings.budget_path.empty()) {
    return std::make_shared<SqliteBudgetStore>(settings.budget_path, settings.budget_group,
                                               settings.spool_busy_timeout_ms, clock);
  }
  const std::string path = default_budget_path();
  try {
    return std::make_shared<SqliteBudgetStore>(path, settings.budget_group,
                                               settings.spool_busy_timeout_ms, clock);
  } catch (const BudgetError& e) {
    // Another user made the machine's file first, for that user alone: post anyway, with a
    // file of this user's own, and say how to share one.
    const std::string own = "/var/tmp/cibatch-" + std::to_string(::geteuid()) + "/budget.db";
    auto store = std::make_shared<SqliteBudgetStore>(own, settings.budget_group,
                                                     settings.spool_busy_timeout_ms, clock);
    if (warn) {
      warn(std::string("budget: ") + e.what() + "; using " + own +
           " for this user alone; set budget.path and budget.group so that every user of the "
           "machine shares one budget");
    }
    return store;
  }
}

}  // namespace cib
