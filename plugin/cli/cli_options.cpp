#include "cli_options.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace cib::cli {
namespace {

const OptionSpec* find_spec(const std::vector<OptionSpec>& specs, const std::string& name) {
  for (const OptionSpec& spec : specs) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

// "-v" → "--verbose" when an option declares that letter; the argument unchanged otherwise.
std::string long_form(const std::vector<OptionSpec>& specs, const std::string& arg) {
  if (arg.size() != 2 || arg[0] != '-') return arg;
  for (const OptionSpec& spec : specs) {
    if (spec.short_name != 0 && spec.short_name == arg[1]) return std::string("--") + spec.name;
  }
  return arg;
}

std::string malformed(const std::string& name, const std::string& expected,
                      const std::string& got) {
  return "--" + name + ": expected " + expected + ", got \"" + got + "\"";
}

}  // namespace

std::string ParsedArgs::value(const std::string& name, const std::string& fallback) const {
  const auto found = values_.find(name);
  return found == values_.end() ? fallback : found->second.back();
}

std::string ParsedArgs::required(const std::string& name) const {
  if (!has(name)) throw UsageError("missing --" + name);
  return value(name);
}

std::vector<std::string> ParsedArgs::values(const std::string& name) const {
  const auto found = values_.find(name);
  return found == values_.end() ? std::vector<std::string>() : found->second;
}

std::int64_t ParsedArgs::integer(const std::string& name, std::int64_t fallback, std::int64_t min,
                                 std::int64_t max) const {
  if (!has(name)) return fallback;
  const std::string text = value(name);
  const std::string expected =
      "an integer from " + std::to_string(min) + " to " + std::to_string(max);
  char* end = nullptr;
  errno = 0;
  const long long n = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || n < min || n > max) {
    throw UsageError(malformed(name, expected, text));
  }
  return n;
}

double ParsedArgs::decimal(const std::string& name, double fallback) const {
  if (!has(name)) return fallback;
  const std::string text = value(name);
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(x) || x < 0) {
    throw UsageError(malformed(name, "a non-negative number", text));
  }
  return x;
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::vector<OptionSpec>& specs) {
  ParsedArgs parsed;
  bool options_ended = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string arg = options_ended ? args[i] : long_form(specs, args[i]);
    if (options_ended || arg.size() < 2 || arg.compare(0, 2, "--") != 0) {
      if (!options_ended && arg.size() > 1 && arg[0] == '-') {
        throw UsageError("unknown option " + arg);
      }
      parsed.positionals_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    const std::size_t eq = arg.find('=');
    const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    const OptionSpec* spec = find_spec(specs, name);
    if (spec == nullptr) throw UsageError("unknown option --" + name);
    std::string value;
    if (!spec->takes_value) {
      if (eq != std::string::npos) throw UsageError("--" + name + " takes no value");
    } else if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      throw UsageError("--" + name + " needs a value");
    }
    std::vector<std::string>& slot = parsed.values_[name];
    if (!slot.empty() && !spec->repeatable) throw UsageError("--" + name + " given twice");
    slot.push_back(value);
  }
  return parsed;
}

}  // namespace cib::cli
