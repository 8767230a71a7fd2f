#include <utility>

#include "spool/spool.h"
#include "spool/spool_files.h"

namespace cib {

namespace {
constexpr std::int64_t kBytesPerMegabyte = std::int64_t{1024} * 1024;
}  // namespace

SpoolOptions SpoolOptions::from(const Settings& settings, const std::string& identity,
                                std::function<void(const std::string&)> warn) {
  SpoolOptions options;
  options.path = settings.spool_path.empty() ? default_spool_path() : settings.spool_path;
  options.sync = settings.spool_sync;
  options.group = settings.spool_group;
  options.retain_days = settings.spool_retain_days;
  options.busy_timeout_ms = settings.spool_busy_timeout_ms;
  options.lease_ms = settings.spool_lease_ms;
  options.max_bytes = settings.spool_max_mb * kBytesPerMegabyte;
  options.identity = identity;
  options.api_url = settings.api_url;
  options.warn = std::move(warn);
  return options;
}

}  // namespace cib
