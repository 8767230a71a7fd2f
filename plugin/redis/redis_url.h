// The Redis client's reading of `budget.shared` (the rules are config/redis_url_rules.h).
// Messages never quote the password; they write it as <secret>.
#pragma once

#include <string>

#include "config/redis_url_rules.h"

namespace cib {

// Throws RedisError (Kind::config) naming what is wrong with `text`, the password hidden.
RedisUrl parse_redis_url(const std::string& text);

}  // namespace cib
