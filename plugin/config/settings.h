// The typed snapshot of a configuration that a client runs with. Built once by
// ConfigStore::settings(); every other module reads only this.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cib {

enum class HostKind { bitbucket_cloud, bitbucket_dc, github, gitlab };
enum class AuthType { bearer, basic };
enum class CommentsMode { upsert, summary, append };
// spool.sync: when a post's update is on disk. off keeps the spool in memory only.
enum class SyncMode { off, batch, always };

struct Settings {
  HostKind host_kind = HostKind::bitbucket_cloud;
  std::string api_url;                    // e.g. https://api.bitbucket.org/2.0 (no trailing /)
  std::vector<std::string> allowed_urls;  // prefixes; empty: any

  AuthType auth_type = AuthType::bearer;
  std::string auth_token;         // expanded secret: never log, never copy into a message
  std::string auth_token_file;    // re-read when the host answers 401
  std::string auth_token_env;     // the variable host.auth.token names, re-read after a 401
  std::string auth_password_env;  // the same for host.auth.password
  std::string auth_user;
  std::string auth_password;  // expanded secret

  std::int64_t linger_ms = 2000;
  std::int64_t terminal_linger_ms = 200;
  std::int64_t max_delay_ms = 10000;
  std::int64_t max_pending = 100000;

  CommentsMode comments_mode = CommentsMode::upsert;
  std::int64_t dedup_trust_s = 86400;
  std::int64_t reports_max_queued = 10000;
  bool log_queue = false;

  bool tls_verify = true;
  std::string tls_ca_file;
  bool tls_allow_insecure_http = false;
  std::string proxy;  // http://host:port; empty: HTTPS_PROXY / NO_PROXY from the environment

  std::int64_t connect_timeout_ms = 10000;
  std::int64_t read_timeout_ms = 30000;
  std::int64_t retry_base_ms = 500;
  std::int64_t retry_max_ms = 60000;
  std::int64_t shutdown_timeout_ms = 10000;
  std::int64_t auth_recheck_ms = 5000;  // while the host answers 401: how often to re-read

  std::string spool_path;  // empty: the default location (spool/spool_files.h)
  SyncMode spool_sync = SyncMode::batch;
  std::string spool_group;  // empty: owner only (0600/0700); else 0660/0770 with this group
  std::int64_t spool_retain_days = 30;
  std::int64_t spool_busy_timeout_ms = 5000;
  std::int64_t spool_lease_ms = 30000;
  std::int64_t spool_max_mb = 1024;  // the spool file's size cap; 0: none

  // The request budget (plugin/budget/). -1: the host kind's default.
  std::string budget_account;            // who the host counts; empty: the user, or the token
  std::int64_t budget_limit = -1;        // requests per window; 0: no rolling limit
  std::int64_t budget_window_s = -1;     // the rolling window
  std::int64_t budget_reserve = -1;      // requests per window left to people; -1: a tenth
  std::int64_t budget_bulk_share = 50;   // percent of a window reports and annotations may use
  std::string budget_path;               // the machine-wide log (SQLite); empty: the default
  std::string budget_group;              // empty: owner only (0600); else 0660 with this group
  std::string budget_shared;             // redis://HOST:PORT/DB; empty: this machine only
  std::int64_t budget_github_write_spacing_ms = 1000;
  std::int64_t budget_bucket_size = -1;       // Bitbucket DC's per-node bucket
  std::int64_t budget_bucket_refill_per_s = -1;
  std::int64_t budget_heartbeat_s = 30;  // a client counts as live this long after a heartbeat
};

const char* to_string(HostKind k);  // bitbucket-cloud, bitbucket-dc, github, gitlab

}  // namespace cib
