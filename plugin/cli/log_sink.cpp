#include "log_sink.h"

#include <cstdio>

#include "cli_errors.h"

namespace cib::cli {
namespace {

const char* level_word(cib_log_level level) {
  switch (level) {
    case CIB_LOG_ERROR:
      return "error";
    case CIB_LOG_WARNING:
      return "warning";
    case CIB_LOG_INFO:
      return "info";
    default:
      return "debug";
  }
}

}  // namespace

Verbosity verbosity_from(bool verbose, bool quiet) {
  if (verbose && quiet) throw UsageError("give at most one of -v (--verbose) and -q (--quiet)");
  return verbose ? Verbosity::verbose : quiet ? Verbosity::quiet : Verbosity::normal;
}

void LogSink::on_log(cib_log_level level, std::string_view message) noexcept {
  // A line that cannot be written must not end the command.
  try {
    write(level, message);
  } catch (...) {
  }
}

cib_log_level LogSink::max_level() const {
  return verbosity_ == Verbosity::verbose ? CIB_LOG_INFO : CIB_LOG_WARNING;
}

std::string LogSink::last_problem() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return last_problem_;
}

void LogSink::write(cib_log_level level, std::string_view message) {
  std::string line = std::string("cibatch: ") + level_word(level) + ": ";
  line.append(message).append("\n");
  if (clear_line_) line = "\r\033[K" + line;
  std::lock_guard<std::mutex> lock(mutex_);
  if (level <= CIB_LOG_WARNING) last_problem_ = message;
  if (verbosity_ == Verbosity::quiet) return;
  // One write per line, so that lines of two threads never mix.
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

std::string ending_line(const std::string& what, const LogSink& log, const std::string& fallback) {
  const std::string cause = log.last_problem();
  if (!cause.empty()) return "cibatch: " + what + ": last problem: " + cause;
  if (!fallback.empty()) return "cibatch: " + what + ": " + fallback;
  return "cibatch: " + what + ": the library logged no problem (run with -v for more)";
}

}  // namespace cib::cli
