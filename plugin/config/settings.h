// The typed snapshot of a configuration that a client runs with. Built once by
// ConfigStore::settings(); every other module reads only this.
//
// Each field is filled by the property table's row that names it (config/property_table.cpp),
// which also holds its default: a default-constructed Settings holds every key's default. A
// field no row names is derived from other keys by settings_snapshot.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cib {

// Each enumeration lists its values in the order of its key's choices (then planned values):
// the table converts a choice to the enumerator at its position.
enum class HostKind { bitbucket_cloud, bitbucket_dc, github, gitlab };
enum class AuthType { bearer, basic, github_app };
enum class CommentsMode { upsert, summary, append };
// github.reports: a report as a check run (needs a GitHub App) or as a keyed summary comment.
enum class GithubReports { checks, comment };
// spool.sync: when a post's update is on disk. off keeps the spool in memory only.
enum class SyncMode { always, batch, off };

// One tool allowed to use `cibatch gateway` (gateway.clients).
struct GatewayClientEntry {
  std::string name;
  std::string token_file;  // the token the tool presents to the gateway (not the host's)
  std::string priority;    // "interactive" or "background"
  std::int64_t quota_per_hour = 0;  // upstream requests per rolling hour; 0: none
};

// One cache rule of `cibatch gateway` (gateway.cache): reads whose path matches keep ttl_s.
struct GatewayCacheEntry {
  std::string path;  // a pattern below the upstream's mount: `*` within a segment, `**` across
  std::int64_t ttl_s = 0;
};

struct Settings {
  Settings();  // every key's default, from the property table
  // Wipes the secrets (auth_token, auth_password, sonar_token, budget_shared) before their
  // memory is freed: every copy of a Settings holds them.
  ~Settings();
  Settings(const Settings&) = default;
  Settings& operator=(const Settings&) = default;

  HostKind host_kind{};                   // host.kind is required: no default
  std::string api_url;                    // e.g. https://api.bitbucket.org/2.0 (no trailing /)
  std::vector<std::string> allowed_urls;  // prefixes; empty: any

  AuthType auth_type;
  std::string auth_token;       // expanded secret: never log, never copy into a message
  std::string auth_token_file;  // re-read when the host answers 401
  std::vector<std::string> auth_token_dirs;  // folders token files may lie in; empty: any
  std::string auth_token_env;  // derived: the variable host.auth.token names, re-read after a 401
  std::string auth_password_env;  // derived: the same for host.auth.password
  std::string auth_user;
  std::string auth_password;  // expanded secret
  // A GitHub App (auth_type github_app): its id, the installation whose token is sent, and the
  // file holding its private key (read like a token file, never logged). Unset: -1, "".
  std::int64_t app_id;
  std::int64_t installation_id;
  std::string private_key_file;

  GithubReports github_reports = GithubReports::checks;

  std::int64_t linger_ms;
  std::int64_t terminal_linger_ms;
  std::int64_t max_delay_ms;
  std::int64_t max_pending;

  CommentsMode comments_mode;
  std::int64_t dedup_trust_s;
  std::int64_t reports_max_queued;
  bool log_queue;

  bool tls_verify;
  std::string tls_ca_file;
  bool tls_allow_insecure_http;
  std::string proxy;  // http://host:port; empty: HTTPS_PROXY / NO_PROXY from the environment

  std::int64_t connect_timeout_ms;
  std::int64_t read_timeout_ms;
  std::int64_t retry_base_ms;
  std::int64_t retry_max_ms;
  std::int64_t shutdown_timeout_ms;

  // `cibatch agent` only (the library reads none of them): its socket and its limits.
  std::string agent_socket;  // empty: $XDG_RUNTIME_DIR/cibatch/agent.sock, else beside the spool
  std::int64_t agent_max_connections;
  std::int64_t agent_max_message_mb;
  std::int64_t agent_read_timeout_ms;

  // `cibatch gateway` only (the library reads none of them).
  std::string gateway_listen;
  std::string gateway_mount;
  std::string gateway_public_url;
  std::string gateway_tls_cert_file;
  std::string gateway_tls_key_file;
  std::vector<GatewayClientEntry> gateway_clients;
  std::vector<GatewayCacheEntry> gateway_cache;
  std::int64_t gateway_cache_mb;
  std::string gateway_cache_path;
  std::int64_t gateway_stale_max_s;
  std::int64_t gateway_interactive_wait_ms;
  std::int64_t gateway_upstream_connections;
  std::int64_t gateway_threads;
  std::int64_t gateway_max_connections;
  std::int64_t gateway_max_body_mb;
  std::int64_t gateway_max_header_count;
  std::int64_t gateway_max_header_kb;
  std::int64_t gateway_read_timeout_ms;
  std::int64_t gateway_keep_alive_ms;
  std::int64_t gateway_drain_timeout_ms;
  std::int64_t auth_recheck_ms;  // while the host answers 401: how often to re-read

  std::string spool_path;  // empty: the default location (spool/spool_files.h)
  SyncMode spool_sync;
  std::string spool_group;  // empty: owner only (0600/0700); else 0660/0770 with this group
  std::int64_t spool_retain_days;
  std::int64_t spool_busy_timeout_ms;
  std::int64_t spool_lease_ms;
  std::int64_t spool_max_mb;  // the spool file's size cap; 0: none

  // The request budget (plugin/budget/). An integer key left empty reads -1: the host kind's
  // default.
  std::string budget_account;  // who the host counts; empty: the user, or the token
  std::int64_t budget_limit;   // requests per window; 0: no rolling limit
  std::int64_t budget_window_s;
  std::int64_t budget_reserve;     // requests per window left to people; -1: a tenth
  std::int64_t budget_bulk_share;  // percent of a window reports and annotations may use
  std::string budget_path;         // the machine-wide log (SQLite); empty: the default
  std::string budget_group;        // empty: owner only (0600); else 0660 with this group
  std::string budget_shared;       // redis://HOST:PORT/DB; empty: this machine only
  std::int64_t budget_github_write_spacing_ms;
  std::int64_t budget_bucket_size;  // Bitbucket DC's per-node bucket
  std::int64_t budget_bucket_refill_per_s;
  std::int64_t budget_heartbeat_s;  // a client counts as live this long after a heartbeat

  // SonarQube (plugin/sonar/, the pull mode of core/sonar_puller.h).
  std::string sonar_url;    // the Sonar server's base URL (no trailing /); empty: no pull mode
  std::string sonar_token;  // expanded secret: never log, never copy into a message
  std::string sonar_organization;  // SonarCloud's organization; empty: none
  std::int64_t sonar_wait_timeout_ms;
  bool sonar_comment;  // also upsert a summary comment on the pull request
};

// s without the host's credential (auth_token, auth_password wiped): for a copy kept after the
// credential was read (core/credential.h keeps it masked).
Settings without_credential(const Settings& s);

const char* to_string(HostKind k);  // bitbucket-cloud, bitbucket-dc, github, gitlab

// The API URL a host kind has when host.api_url is not set; "" for bitbucket-dc (a server of
// its own: no default).
const char* default_api_url(HostKind k);

}  // namespace cib
