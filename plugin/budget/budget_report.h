// The budget as JSON: one identity's use (cib_client_budget_json) and every identity of a
// store (cib_budget_json, `cibatch budget`).
#pragma once

#include <Poco/JSON/Object.h>

#include <string>

#include "budget/budget_rules.h"
#include "budget/budget_types.h"
#include "config/settings.h"
#include "runtime/clock.h"

namespace cib {

// The rolling log ("all") of `limits` and its use, or nullptr when there is none.
const LogLimit* rolling_log(const Limits& limits);
const LogUsage* rolling_use(const Usage& usage);

// {"identity","store","limit","window_s","reserve","used","remaining","next_free_ms",
//  "paused_until_ms","live_clients","by_priority":{...},"logs":[...],"buckets":[...]}
Poco::JSON::Object::Ptr usage_object(const std::string& identity, const std::string& store,
                                     const Usage& usage, const Limits& limits,
                                     const RollingLimit& rolling);

// {"store","identities":[usage_object...]}: every identity in the store `settings` names,
// measured against the limits of `settings`. Throws BudgetError.
std::string budget_store_json(const Settings& settings, const Clock& clock);

}  // namespace cib
