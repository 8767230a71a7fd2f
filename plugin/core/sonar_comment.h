// Placeholder until the summary comment lands.
#pragma once

#include <cstdint>
#include <optional>

#include "core/slot_table.h"

namespace cib {

std::optional<Update> sonar_comment_update(const Update& report, std::int64_t pr);

}  // namespace cib
