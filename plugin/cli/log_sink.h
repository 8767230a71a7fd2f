// The library's log lines on stderr: "cibatch: warning: ..." (errors and warnings by default,
// info lines too with -v, none with -q). The sink also remembers the last warning or error, so
// that a command that exits non-zero can end with its cause even when -q hid the lines.
// The library never puts a secret in a log line, and the sink adds nothing but the level.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "cibatch.h"

namespace cib::cli {

enum class Verbosity { quiet, normal, verbose };

// UsageError when both are given.
Verbosity verbosity_from(bool verbose, bool quiet);

class LogSink {
 public:
  // clear_line: stderr shows a progress line, which each log line first wipes.
  LogSink(Verbosity verbosity, bool clear_line) : verbosity_(verbosity), clear_line_(clear_line) {}

  // The log callback to register. Runs on the dispatcher thread (or in cib_client_poll with
  // log.queue): it only formats and writes one line, and never throws.
  void on_log(cib_log_level level, std::string_view message) noexcept;

  // The most detailed level the library should send (it always sends warnings, remembered
  // even when quiet).
  cib_log_level max_level() const;

  // The last warning or error line, or "" when there was none.
  std::string last_problem() const;

 private:
  void write(cib_log_level level, std::string_view message);

  const Verbosity verbosity_;
  const bool clear_line_;
  mutable std::mutex mutex_;
  std::string last_problem_;
};

// A command's last line on stderr when it exits non-zero: "cibatch: WHAT: CAUSE", where the
// cause is the last problem the library logged, else `fallback` (what the command knows, such
// as the flush's own message), else a hint to run with -v.
std::string ending_line(const std::string& what, const LogSink& log,
                        const std::string& fallback = "");

}  // namespace cib::cli
