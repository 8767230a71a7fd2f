// The library handles one cibatch command works with, through the C++ wrapper (cibatch.hpp): a
// configuration loaded the way every command loads it, and an open client whose delivery
// reports go to a DeliveryLog and whose log lines go to a LogSink. Library errors are
// cibatch::Error, whose message main prints unchanged.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "cibatch.hpp"
#include "cli_options.h"
#include "delivery_log.h"
#include "log_sink.h"

namespace cib::cli {

// "key=value" from --set; UsageError without "=".
std::pair<std::string, std::string> parse_setting(const std::string& text);
// Every --set of a, in order.
std::vector<std::pair<std::string, std::string>> settings_from(const ParsedArgs& a);

// The administrator's layer (read by cib_config_new), then file, then each setting in order.
cibatch::Config load_config(const std::string& file,
                            const std::vector<std::pair<std::string, std::string>>& settings);

class CommandClient {
 public:
  // Opens a client on conf and registers the delivery log (reports are printed to report_out)
  // and the log sink (the library's log lines go to stderr as verbosity says; clear_line when
  // stderr shows a progress line).
  CommandClient(const cibatch::Config& conf, std::ostream& report_out, bool print_all_reports,
                Verbosity verbosity, bool clear_line = false);
  CommandClient(const CommandClient&) = delete;
  CommandClient& operator=(const CommandClient&) = delete;

  cibatch::Client& client() { return client_; }
  const DeliveryLog& deliveries() const { return deliveries_; }
  const LogSink& log() const { return log_; }

  // Returns at deadline, serving delivery reports while it waits.
  void serve_until(std::chrono::steady_clock::time_point deadline);
  // Serves every report already queued, without waiting.
  void serve_queued();
  // The flush's settlement; a flush the library refused (closed, say) is one with that status
  // and message, never an exception.
  cibatch::Settlement flush(std::uint64_t tag, std::int32_t timeout_ms);
  // Destroys the client now (the destructor does it otherwise).
  void close() { client_.reset(); }

 private:
  DeliveryLog deliveries_;  // outlives client_: its callback writes here
  LogSink log_;             // so is this one
  cibatch::Client client_;
};

}  // namespace cib::cli
