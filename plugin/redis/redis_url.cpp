#include "redis/redis_url.h"

#include <Poco/String.h>

#include "redis/redis_error.h"

namespace cib {

namespace {

// rediss:// is refused for its scheme alone, which the message names; other refusals quote the
// URL, its password hidden.
bool is_tls_url(const std::string& text) {
  return Poco::icompare(text.substr(0, 9), "rediss://") == 0;
}

}  // namespace

RedisUrl parse_redis_url(const std::string& text) {
  RedisUrlCheck checked = check_redis_url(text);
  if (!checked.ok) {
    const std::string quoted = is_tls_url(text) ? "" : " (in \"" + redact_redis_url(text) + "\")";
    throw RedisError(RedisError::Kind::config, "budget.shared: " + checked.problem + quoted);
  }
  return std::move(checked.url);
}

}  // namespace cib
