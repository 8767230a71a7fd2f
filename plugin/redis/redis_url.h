// The address of the Redis that machines share (`budget.shared`):
//   redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]     (port 6379 and database 0 by default)
// USER and PASSWORD may be percent-encoded. `rediss://` is refused: Poco's Redis client speaks
// no TLS. Messages never quote the password; they write it as <secret>.
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

// Throws RedisError (Kind::config) naming what is wrong with `text`, the password hidden.
RedisUrl parse_redis_url(const std::string& text);

// `text` with the password (or a user-info part that cannot be read) replaced by <secret>.
std::string redact_redis_url(const std::string& text);

}  // namespace cib
