#include "bench_client.h"

namespace cib::bench {

Settings quiet_settings(const std::string& api_url, const Settings& extra) {
  Settings settings = {
      {"host.kind", "bitbucket-cloud"},
      {"host.api_url", api_url},
      {"host.auth.token", "bench-token"},
      {"batching.linger_ms", kMaxLingerMs},
      {"batching.terminal_linger_ms", kMaxLingerMs},
      {"batching.max_delay_ms", kMaxDelayMs},
      // What is left at the end is of no interest: destroy should not deliver it.
      {"shutdown.timeout_ms", "0"},
      // What a post costs the caller, not what the account may spend: every case and run
      // posts as one account, which the machine's budget would soon hold back.
      {"budget.limit", "0"},
  };
  settings.insert(settings.end(), extra.begin(), extra.end());
  return settings;
}

OpenedClient open_client(const Settings& settings, const std::string& tolerated) {
  OpenedClient opened;
  try {
    cibatch::Config config;
    for (const auto& [key, value] : settings) {
      try {
        config.set(key, value);
      } catch (const cibatch::Error& e) {
        if (e.status() != CIB_ERR_CONFIG_UNKNOWN_KEY) throw;
        if (key != tolerated) {
          opened.error = "this libcibatch does not know the configuration key " + key +
                         " (built before it existed?): " + describe_failure(e);
          return opened;
        }
        opened.skipped = key;
      }
    }
    opened.client = cibatch::Client(config);
  } catch (const cibatch::Error& e) {
    opened.error = describe_failure(e);
  }
  return opened;
}

std::string describe_failure(const cibatch::Error& error) {
  // The message already starts with the function's name.
  return std::string(error.status_name()) + ": " + error.what();
}

}  // namespace cib::bench
