// Which store a client's budget lives in, from its settings.
#include "budget/budget.h"
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
  const std::string path =
      settings.budget_path.empty() ? default_budget_path() : settings.budget_path;
  return std::make_shared<SqliteBudgetStore>(path, settings.budget_group,
                                             settings.spool_busy_timeout_ms, clock);
}

}  // namespace cib
