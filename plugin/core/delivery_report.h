// What became of one post call, served to the caller by poll().
#pragma once

#include <cstdint>
#include <string>

#include "model/content.h"

namespace cib {

enum class Outcome { delivered = 0, unchanged = 1, superseded = 2, failed = 3 };

struct DeliveryReport {
  std::uint64_t tag = 0;
  SlotId slot;
  Outcome outcome = Outcome::delivered;
  int http_status = 0;
  std::string message;
};

}  // namespace cib
