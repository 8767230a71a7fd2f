// The group files are shared with (spool.group, budget.group), looked up by name.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace cib {

// The group's id, or nullopt when this machine has no group of that name.
std::optional<gid_t> lookup_group(const std::string& name);

}  // namespace cib
