// Which reads are cached and for how long: gateway.cache's rules, `{path, ttl_s}`, matched
// against a request's path below its upstream's mount (no query). In a pattern `*` matches any
// run of characters except '/', `**` any run at all; the first rule that matches wins.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/settings.h"

namespace cib::gw {

class PathRules {
 public:
  explicit PathRules(const std::vector<GatewayCacheEntry>& rules);

  // The TTL of a path in ms, or -1 when no rule names it (its answers are not kept).
  std::int64_t ttl_ms(const std::string& path) const;

  // Whether `pattern` matches `path` by the rules above (exposed for tests).
  static bool matches(const std::string& pattern, const std::string& path);

 private:
  std::vector<GatewayCacheEntry> rules_;
};

}  // namespace cib::gw
