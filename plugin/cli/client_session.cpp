#include "client_session.h"

#include <algorithm>
#include <thread>

#include "cli_errors.h"
#include "library_json.h"

namespace cib::cli {

void check(cib_status status, const char* errstr) {
  if (status == CIB_OK) return;
  throw CommandError(errstr != nullptr && errstr[0] != '\0' ? errstr : cib_status_str(status));
}

std::pair<std::string, std::string> parse_setting(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw UsageError("--set: expected KEY=VALUE, got \"" + text + "\"");
  }
  return {text.substr(0, eq), text.substr(eq + 1)};
}

ConfigPtr load_config(const std::string& file,
                      const std::vector<std::pair<std::string, std::string>>& settings) {
  // cib_config_load_yaml reads text, not a file, when its argument holds a newline.
  if (file.find('\n') != std::string::npos) {
    throw UsageError("--config: a file name must not contain a newline");
  }
  char err[kErrstrSize] = "";
  cib_config* raw = nullptr;
  check(cib_config_new(&raw, err, sizeof err), err);
  ConfigPtr conf(raw);
  if (!file.empty()) check(cib_config_load_yaml(conf.get(), file.c_str(), err, sizeof err), err);
  for (const auto& setting : settings) {
    check(
        cib_config_set(conf.get(), setting.first.c_str(), setting.second.c_str(), err, sizeof err),
        err);
  }
  return conf;
}

ClientSession::ClientSession(const cib_config& conf, std::ostream& report_out,
                             bool print_all_reports, Verbosity verbosity, bool clear_line)
    : deliveries_(report_out, print_all_reports), log_(verbosity, clear_line) {
  char err[kErrstrSize] = "";
  check(cib_client_new(&client_, &conf, err, sizeof err), err);
  cib_status status =
      cib_client_set_delivery_cb(client_, &DeliveryLog::on_delivery, &deliveries_, err, sizeof err);
  if (status == CIB_OK) {
    status =
        cib_client_set_log_cb(client_, &LogSink::on_log, &log_, log_.max_level(), err, sizeof err);
  }
  if (status != CIB_OK) {
    close();
    check(status, err);
  }
}

ClientSession::~ClientSession() {
  close();
}

void ClientSession::close() {
  cib_client_destroy(client_);
  client_ = nullptr;
}

void ClientSession::serve_until(std::chrono::steady_clock::time_point deadline) {
  using namespace std::chrono;
  for (auto now = steady_clock::now(); now < deadline; now = steady_clock::now()) {
    // Round up so that a wait shorter than 1 ms does not spin.
    const auto left = duration_cast<milliseconds>(deadline - now) + milliseconds(1);
    const auto wait = static_cast<std::int32_t>(std::min<std::int64_t>(left.count(), 60000));
    if (cib_client_poll(client_, wait, nullptr, nullptr, 0) != CIB_OK) {
      std::this_thread::sleep_until(deadline);  // poll refused: still keep the trace's time
    }
  }
}

void ClientSession::serve_queued() {
  // Bounded: each round serves at least one report, and the queue is bounded by the library.
  for (int round = 0; round < 100000; ++round) {
    std::size_t served = 0;
    if (cib_client_poll(client_, 0, &served, nullptr, 0) != CIB_OK || served == 0) return;
  }
}

FlushResult ClientSession::flush(std::uint64_t tag, std::int32_t timeout_ms) {
  char err[kErrstrSize] = "";
  FlushResult result;
  result.status = cib_client_flush(client_, tag, timeout_ms, &result.left, err, sizeof err);
  if (result.status != CIB_OK) {
    result.message = err[0] != '\0' ? err : cib_status_str(result.status);
  }
  return result;
}

std::string ClientSession::stats_json() {
  return library_json(
      [this](char* buf, std::size_t size, std::size_t* needed, char* err, std::size_t err_size) {
        return cib_client_stats_json(client_, buf, size, needed, err, err_size);
      },
      "statistics");
}

}  // namespace cib::cli
