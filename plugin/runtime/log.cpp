#include "runtime/log.h"

namespace cib {

const char* log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::error:
      return "error";
    case LogLevel::warning:
      return "warning";
    case LogLevel::info:
      return "info";
    case LogLevel::debug:
      return "debug";
  }
  return "unknown";
}

void NullLogger::log(LogLevel /*level*/, const std::string& /*message*/) {}

}  // namespace cib
