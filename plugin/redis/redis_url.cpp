#include "redis/redis_url.h"

#include "redis/redis_error.h"

namespace cib {

RedisUrl parse_redis_url(const std::string& text) {
  RedisUrlCheck checked = check_redis_url(text);
  if (!checked.ok) {
    const bool tls = checked.problem.rfind("TLS", 0) == 0;
    throw RedisError(RedisError::Kind::config,
                     "budget.shared: " + checked.problem +
                         (tls ? "" : " (in \"" + redact_redis_url(text) + "\")"));
  }
  return std::move(checked.url);
}

}  // namespace cib
