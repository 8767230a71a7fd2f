#include "core/client_core.h"

#include <unistd.h>

#include <algorithm>
#include <random>
#include <utility>

#include "core/secret_redaction.h"
#include "runtime/secret_text.h"
#include "spool/shared_spool.h"

namespace cib {
namespace {

std::string make_client_id() {
  std::random_device device;
  const std::uint64_t id = (std::uint64_t{device()} << 32) ^ device();
  return std::to_string(::getpid()) + "-" + std::to_string(id);
}

}  // namespace

TransportSettings transport_settings(const Settings& s) {
  TransportSettings t;
  t.base_url = s.api_url;
  t.tls_verify = s.tls_verify;
  t.tls_ca_file = s.tls_ca_file;
  t.allow_insecure_http = s.tls_allow_insecure_http;
  t.proxy = s.proxy;
  t.connect_timeout_ms = s.connect_timeout_ms;
  t.read_timeout_ms = s.read_timeout_ms;
  return t;
}

ClientCore::ClientCore(const Settings& s, std::unique_ptr<Clock> c)
    : settings(without_credential(s)),
      clock(std::move(c)),
      credential(s),
      reports(static_cast<std::size_t>(s.reports_max_queued)),
      http(transport_settings(s)),
      provider(make_provider(s)),
      // With budget.shared, leases, delivered records and remote ids are kept in Redis too, so
      // agents on other machines share them.
      spool(share_spool(s.spool_sync == SyncMode::off
                            ? nullptr
                            : Spool::open(SpoolOptions::from(s, credential.identity(),
                                                             [this](const std::string& line) {
                                                               log(LogLevel::warning, line);
                                                             }),
                                          *clock),
                        s, credential.identity(), *clock,
                        [this](const std::string& line) { log(LogLevel::warning, line); })),
      client_id(make_client_id()),
      budget(std::make_unique<Budget>(
          s,
          open_budget_store(s, *clock, client_id,
                            [this](const std::string& line) { log(LogLevel::warning, line); }),
          *clock)),
      table(BatchingRules::from(s), s.dedup_trust_s, static_cast<std::size_t>(s.max_pending),
            *clock, stats) {}

namespace {

// The line with the credential's and the settings' secrets and any quoted header value
// redacted; the plain copies it made are wiped before it returns.
__attribute__((noinline)) std::string redacted_line(const ClientCore& core,
                                                    const std::string& line) {
  WipedStrings secrets;
  core.credential.add_secrets(secrets.items);
  add_settings_secrets(core.settings, secrets.items);
  std::sort(secrets.items.begin(), secrets.items.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return redact(redact_header_values(line), secrets.items);
}

}  // namespace

void ClientCore::log(LogLevel level, const std::string& line) {
  // Whatever a layer below words, no configured secret and no quoted credential header leaves.
  const std::string redacted = redacted_line(*this, line);
  scrub_stack_and_registers();  // what redacting left below this frame held the secrets
  reports.log(level, redacted);
}

}  // namespace cib
