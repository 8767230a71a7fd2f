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

struct Settings {
  HostKind host_kind = HostKind::bitbucket_cloud;
  std::string api_url;                    // e.g. https://api.bitbucket.org/2.0 (no trailing /)
  std::vector<std::string> allowed_urls;  // prefixes; empty: any

  AuthType auth_type = AuthType::bearer;
  std::string auth_token;       // expanded secret: never log, never copy into a message
  std::string auth_token_file;  // re-read when the host answers 401
  std::string auth_user;
  std::string auth_password;  // expanded secret

  std::int64_t linger_ms = 2000;
  std::int64_t terminal_linger_ms = 200;
  std::int64_t max_delay_ms = 10000;
  std::int64_t max_pending = 100000;
  bool naive = false;  // batching.naive: one request per call, the baseline for comparisons

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
};

const char* to_string(HostKind k);  // bitbucket-cloud, bitbucket-dc, github, gitlab

}  // namespace cib
