// A budget store that cannot be used: a file that cannot be opened, a Redis that does not
// answer. Messages name the file or address and the fix, never a secret.
#pragma once

#include <stdexcept>
#include <string>

namespace cib {

class BudgetError : public std::runtime_error {
 public:
  enum class Kind { config, unavailable, damaged };
  BudgetError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace cib
