#include "bench_client.h"

namespace cib::bench {
namespace {

struct ConfigDeleter {
  void operator()(cib_config* config) const { cib_config_destroy(config); }
};
using ConfigPtr = std::unique_ptr<cib_config, ConfigDeleter>;

}  // namespace

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
  char errstr[kErrstrSize] = "";
  cib_config* raw_config = nullptr;
  cib_status status = cib_config_new(&raw_config, errstr, sizeof errstr);
  if (status != CIB_OK) {
    opened.error = describe_failure(status, errstr);
    return opened;
  }
  const ConfigPtr config(raw_config);
  for (const auto& [key, value] : settings) {
    status = cib_config_set(config.get(), key.c_str(), value.c_str(), errstr, sizeof errstr);
    if (status == CIB_ERR_CONFIG_UNKNOWN_KEY && key == tolerated) {
      opened.skipped = key;
      continue;
    }
    if (status == CIB_ERR_CONFIG_UNKNOWN_KEY) {
      opened.error = "this libcibatch does not know the configuration key " + key +
                     " (built before it existed?): " + describe_failure(status, errstr);
      return opened;
    }
    if (status != CIB_OK) {
      opened.error = describe_failure(status, errstr);
      return opened;
    }
  }
  cib_client* raw_client = nullptr;
  status = cib_client_new(&raw_client, config.get(), errstr, sizeof errstr);
  if (status != CIB_OK) {
    opened.error = describe_failure(status, errstr);
    return opened;
  }
  opened.client.reset(raw_client);
  return opened;
}

std::string describe_failure(cib_status status, const char* errstr) {
  // errstr already starts with the function's name.
  return std::string(cib_status_name(status)) + ": " + errstr;
}

}  // namespace cib::bench
