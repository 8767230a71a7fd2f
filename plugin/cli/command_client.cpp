#include "command_client.h"

#include <algorithm>
#include <thread>

#include "cli_errors.h"

namespace cib::cli {

std::pair<std::string, std::string> parse_setting(const std::string& text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw UsageError("--set: expected KEY=VALUE, got \"" + text + "\"");
  }
  return {text.substr(0, eq), text.substr(eq + 1)};
}

std::vector<std::pair<std::string, std::string>> settings_from(const ParsedArgs& a) {
  std::vector<std::pair<std::string, std::string>> settings;
  for (const std::string& s : a.values("set")) settings.push_back(parse_setting(s));
  return settings;
}

cibatch::Config load_config(const std::string& file,
                            const std::vector<std::pair<std::string, std::string>>& settings) {
  cibatch::Config conf;
  if (!file.empty()) conf.load_yaml_file(file);
  for (const auto& setting : settings) conf.set(setting.first, setting.second);
  return conf;
}

CommandClient::CommandClient(const cibatch::Config& conf, std::ostream& report_out,
                             bool print_all_reports, Verbosity verbosity, bool clear_line)
    : deliveries_(report_out, print_all_reports), log_(verbosity, clear_line), client_(conf) {
  client_.set_delivery_callback(
      [this](const cibatch::Delivery& delivery) { deliveries_.on_delivery(delivery); });
  client_.set_log_callback(
      [this](cib_log_level level, std::string_view message) { log_.on_log(level, message); },
      log_.max_level());
}

void CommandClient::serve_until(std::chrono::steady_clock::time_point deadline) {
  using namespace std::chrono;
  for (auto now = steady_clock::now(); now < deadline; now = steady_clock::now()) {
    // Round up so that a wait shorter than 1 ms does not spin.
    const auto left = duration_cast<milliseconds>(deadline - now) + milliseconds(1);
    const auto wait = static_cast<std::int32_t>(std::min<std::int64_t>(left.count(), 60000));
    try {
      client_.poll(wait);
    } catch (const cibatch::Error&) {
      std::this_thread::sleep_until(deadline);  // poll refused: still keep the trace's time
    }
  }
}

void CommandClient::serve_queued() {
  // Bounded: each round serves at least one report, and the queue is bounded by the library.
  for (int round = 0; round < 100000; ++round) {
    try {
      if (client_.poll(0) == 0) return;
    } catch (const cibatch::Error&) {
      return;
    }
  }
}

cibatch::Settlement CommandClient::flush(std::uint64_t tag, std::int32_t timeout_ms) {
  try {
    return client_.flush(tag, timeout_ms);
  } catch (const cibatch::Error& e) {
    cibatch::Settlement refused;
    refused.status = e.status();
    refused.message = e.what();
    return refused;
  }
}

}  // namespace cib::cli
