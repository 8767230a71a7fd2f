// A Redis that cannot be used: a URL that cannot be, a server that does not answer, an answer
// that makes no sense. Messages name the server, never the password.
#pragma once

#include <stdexcept>
#include <string>

namespace cib {

class RedisError : public std::runtime_error {
 public:
  enum class Kind { config, unavailable, damaged };
  RedisError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace cib
