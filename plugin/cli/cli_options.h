// A small, strict command-line parser: every option is declared, unknown ones are a
// UsageError. Accepts "--name value", "--name=value", flags, a declared one-letter form of an
// option ("-v"), and "--" before positionals.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cli_errors.h"

namespace cib::cli {

struct OptionSpec {
  const char* name;  // without the leading "--"
  bool takes_value;
  bool repeatable;
  char short_name = 0;  // "-v" for verbose; 0: none
};

class ParsedArgs {
 public:
  bool has(const std::string& name) const { return values_.count(name) > 0; }
  // The (last) value of an option, or fallback when it was not given.
  std::string value(const std::string& name, const std::string& fallback = "") const;
  // UsageError "missing --name" when it was not given.
  std::string required(const std::string& name) const;
  // Every value of a repeatable option, in order.
  std::vector<std::string> values(const std::string& name) const;
  // An integer option in [min, max], or fallback when absent; UsageError when malformed.
  std::int64_t integer(const std::string& name, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) const;
  // A non-negative decimal option, or fallback when absent.
  double decimal(const std::string& name, double fallback) const;

  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  friend ParsedArgs parse_args(const std::vector<std::string>&, const std::vector<OptionSpec>&);
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs);

}  // namespace cib::cli
