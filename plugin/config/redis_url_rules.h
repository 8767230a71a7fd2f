// The address of the Redis that machines share (`budget.shared`):
//   redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]     (port 6379 and database 0 by default)
// USER and PASSWORD may be percent-encoded. `rediss://` is refused: Poco's Redis client speaks
// no TLS. Pure text rules, so the configuration checks a value when it is set and the Redis
// client (redis/redis_url.h) reads it the same way.
#pragma once

#include <cstdint>
#include <string>

namespace cib {

struct RedisUrl {
  std::string host;
  std::uint16_t port = 6379;
  int db = 0;
  std::string user;      // empty: AUTH with the password alone (or no AUTH)
  std::string password;  // empty: no AUTH

  // "redis HOST:PORT/DB": for messages and the budget JSON, without user or password.
  std::string describe() const;
};

struct RedisUrlCheck {
  bool ok = false;
  RedisUrl url;         // when ok
  std::string problem;  // when not ok: what is wrong and the expected form, quoting no part of
                        // the text (it may hold a password)
};

RedisUrlCheck check_redis_url(const std::string& text);

// `text` with the password (or a user-info part that cannot be read) replaced by <secret>.
std::string redact_redis_url(const std::string& text);

}  // namespace cib
