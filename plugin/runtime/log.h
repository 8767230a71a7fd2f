// Where the library's log lines go. The core implements a queueing logger that hands lines to
// the caller's callback; the transport and other layers only see this interface.
#pragma once

#include <string>

namespace cib {

enum class LogLevel { error = 0, warning = 1, info = 2, debug = 3 };

// "error", "warning", "info" or "debug": a static string.
const char* log_level_name(LogLevel level);

class Logger {
 public:
  virtual ~Logger() = default;
  // Must not block for long and must not throw; may be called from any thread. Messages never
  // contain secrets (callers make sure of that).
  virtual void log(LogLevel level, const std::string& message) = 0;
};

// Drops every line: for tests and for code that runs without a client.
class NullLogger final : public Logger {
 public:
  void log(LogLevel level, const std::string& message) override;
};

}  // namespace cib
