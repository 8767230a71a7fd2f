// The library handles one cibatch command works with: a configuration loaded the way every
// command loads it, and an open client whose delivery reports go to a DeliveryLog.
// Every library error becomes a CommandError carrying the library's message unchanged.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cibatch.h"
#include "delivery_log.h"
#include "log_sink.h"

namespace cib::cli {

struct ConfigDeleter {
  void operator()(cib_config* conf) const { cib_config_destroy(conf); }
};
using ConfigPtr = std::unique_ptr<cib_config, ConfigDeleter>;

// "key=value" from --set; UsageError without "=".
std::pair<std::string, std::string> parse_setting(const std::string& text);

// The administrator's layer (read by cib_config_new), then file, then each setting in order.
ConfigPtr load_config(const std::string& file,
                      const std::vector<std::pair<std::string, std::string>>& settings);

struct FlushResult {
  cib_status status = CIB_OK;
  std::size_t left = 0;  // slots still unsettled
  std::string message;   // the library's, when status is not CIB_OK
};

class ClientSession {
 public:
  // Opens a client on conf and registers the delivery log (reports are printed to report_out)
  // and the log sink (the library's log lines go to stderr as verbosity says; clear_line when
  // stderr shows a progress line).
  ClientSession(const cib_config& conf, std::ostream& report_out, bool print_all_reports,
                Verbosity verbosity, bool clear_line = false);
  ~ClientSession();
  ClientSession(const ClientSession&) = delete;
  ClientSession& operator=(const ClientSession&) = delete;

  cib_client* client() { return client_; }
  const DeliveryLog& deliveries() const { return deliveries_; }
  const LogSink& log() const { return log_; }

  // Returns at deadline, serving delivery reports while it waits.
  void serve_until(std::chrono::steady_clock::time_point deadline);
  // Serves every report already queued, without waiting.
  void serve_queued();
  FlushResult flush(std::uint64_t tag, std::int32_t timeout_ms);
  std::string stats_json();
  // Destroys the client now (the destructor does it otherwise).
  void close();

 private:
  DeliveryLog deliveries_;  // outlives client_: it is the callback's opaque pointer
  LogSink log_;             // so is this one
  cib_client* client_ = nullptr;
};

// Throws CommandError with errstr (or the status' description when errstr is empty) unless
// status is CIB_OK.
void check(cib_status status, const char* errstr);

// Size of the errstr buffers handed to the library; messages beyond it are truncated.
inline constexpr std::size_t kErrstrSize = 2048;

}  // namespace cib::cli
