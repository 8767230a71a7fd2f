// What a tool's request target says, checked before anything is sent: origin-form only (no
// absolute URL, so the gateway is never an open proxy), no dot segments (also encoded), no
// control characters; then which upstream's mount it falls under.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cib::gw {

struct SplitTarget {
  std::string path;   // still encoded
  std::string query;  // after '?', "" when none
};

// The target split, or nullopt with `problem` set when the gateway refuses it.
std::optional<SplitTarget> split_target(const std::string& target, std::string& problem);

// The index in `mounts` of the longest mount that holds `path` (equal, or followed by '/'),
// -1 when none. "/" holds every path.
int match_mount(const std::vector<std::string>& mounts, const std::string& path);

// The path below `mount` ("" when the path is the mount itself).
std::string below_mount(const std::string& mount, const std::string& path);

// A Host header that is safe to put in a URL (letters, digits, '.', '-', ':', '[', ']').
bool plain_host(const std::string& host);

}  // namespace cib::gw
