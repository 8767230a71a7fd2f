// ConfigStore::settings(): the checks that need every key at once (the order of keys is free),
// the expansion of credentials, and the typed snapshot.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <system_error>

#include "config/config_errors.h"
#include "config/config_store.h"
#include "config/env_expansion.h"
#include "config/property_table.h"
#include "config/url_rules.h"
#include "config/value_check.h"

namespace cib {
namespace {

std::int64_t to_int(const std::string& text) {
  return std::strtoll(text.c_str(), nullptr, 10);
}

// An integer key without a default: -1 when unset.
std::int64_t optional_int(const std::string& text) { return text.empty() ? -1 : to_int(text); }

HostKind to_host_kind(const std::string& text) {
  if (text == "bitbucket-dc") return HostKind::bitbucket_dc;
  if (text == "github") return HostKind::github;
  if (text == "gitlab") return HostKind::gitlab;
  return HostKind::bitbucket_cloud;
}

CommentsMode to_comments_mode(const std::string& text) {
  if (text == "summary") return CommentsMode::summary;
  if (text == "append") return CommentsMode::append;
  return CommentsMode::upsert;
}

// "NAME" when a credential is written as exactly "${NAME}", so it can be read again from the
// environment after a 401; "" otherwise.
std::string sole_variable(const std::string& written) {
  if (written.size() < 4 || written.compare(0, 2, "${") != 0 || written.back() != '}') return "";
  const std::string name = written.substr(2, written.size() - 3);
  const bool plain = std::all_of(name.begin(), name.end(), [](char c) {
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
  return plain ? name : "";
}

SyncMode to_sync_mode(const std::string& text) {
  if (text == "always") return SyncMode::always;
  if (text == "off") return SyncMode::off;
  return SyncMode::batch;
}

std::string without_trailing_slashes(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

// Reads a token file. Messages name the path as written, so an expanded variable never shows.
std::string read_token_file(const std::string& path, const std::string& written,
                            const std::string& where) {
  const std::string key = "host.auth.token_file";
  const std::string named =
      quote_for_message(written) + (path == written ? "" : " (expanded from the environment)");
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error = errno;
    throw invalid_value_error(
        where, key, "cannot read " + named + ": " + std::generic_category().message(error));
  }
  std::string text;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) text.append(buffer, n);
  std::fclose(file);
  const std::string token = trim_blanks(text);
  if (token.empty()) throw invalid_value_error(where, key, named + " holds no token");
  const Property& property = *find_property("host.auth.token");
  if (!check_expanded_value(property, token).ok) {
    throw invalid_value_error(where, key, named + " holds more than one line of text");
  }
  return token;
}

}  // namespace

Settings ConfigStore::build_settings() const {
  // A credential with its ${ENV} references replaced; "" when unset.
  const auto credential = [this](const std::string& key) {
    const std::string written = value_of(key);
    const Expansion expanded = expand_env_references(written);
    const std::string where = origin_of(key);
    if (!expanded.unset_variable.empty()) {
      throw invalid_value_error(where, key,
                                "environment variable " + expanded.unset_variable + " is not set");
    }
    if (!written.empty() && expanded.value.empty()) {
      throw invalid_value_error(where, key, "its environment variables expand to nothing");
    }
    if (!check_expanded_value(*find_property(key), expanded.value).ok) {
      throw invalid_value_error(where, key,
                                "its environment variables expand to more than one line of text");
    }
    return expanded.value;
  };
  const auto required = [this](const std::string& key, const std::string& hint) {
    const std::string value = value_of(key);
    if (value.empty()) throw missing_key_error(key, hint);
    return value;
  };

  Settings s;
  s.host_kind = to_host_kind(required("host.kind",
                                      "one of bitbucket-cloud, bitbucket-dc, "
                                      "github, gitlab"));
  s.api_url = without_trailing_slashes(required("host.api_url", "the host's REST API base URL"));
  s.allowed_urls = split_list(value_of("host.allowed_urls"));
  s.tls_allow_insecure_http = value_of("tls.allow_insecure_http") == "true";
  check_allowed_url(s.api_url, origin_of("host.api_url"));
  const auto url = parse_url(s.api_url);
  if (url && url->scheme == "http" && !is_loopback_url_host(url->host) &&
      !s.tls_allow_insecure_http) {
    throw invalid_value_error(origin_of("host.api_url"), "host.api_url",
                              "plain http:// would send the credential unencrypted to " +
                                  quote_for_message(url->host) +
                                  "; use https://, or set tls.allow_insecure_http: true");
  }

  s.auth_type = value_of("host.auth.type") == "basic" ? AuthType::basic : AuthType::bearer;
  if (s.auth_type == AuthType::basic) {
    required("host.auth.user", "host.auth.type is basic");
    required("host.auth.password", "host.auth.type is basic");
    s.auth_user = credential("host.auth.user");
    s.auth_password = credential("host.auth.password");
    s.auth_password_env = sole_variable(value_of("host.auth.password"));
  } else {
    s.auth_token = credential("host.auth.token");
    s.auth_token_env = sole_variable(value_of("host.auth.token"));
    if (s.auth_token.empty()) {
      required("host.auth.token_file",
               "host.auth.type is bearer: set host.auth.token or "
               "host.auth.token_file");
      s.auth_token_file = credential("host.auth.token_file");
      s.auth_token = read_token_file(s.auth_token_file, value_of("host.auth.token_file"),
                                     origin_of("host.auth.token_file"));
    }
  }

  s.linger_ms = to_int(value_of("batching.linger_ms"));
  s.terminal_linger_ms = to_int(value_of("batching.terminal_linger_ms"));
  s.max_delay_ms = to_int(value_of("batching.max_delay_ms"));
  s.max_pending = to_int(value_of("batching.max_pending"));
  s.comments_mode = to_comments_mode(value_of("comments.mode"));
  s.dedup_trust_s = to_int(value_of("dedup.trust_s"));
  s.reports_max_queued = to_int(value_of("reports.max_queued"));
  s.log_queue = value_of("log.queue") == "true";
  s.tls_verify = value_of("tls.verify") == "true";
  s.tls_ca_file = value_of("tls.ca_file");
  s.proxy = value_of("proxy");
  s.connect_timeout_ms = to_int(value_of("transport.connect_timeout_ms"));
  s.read_timeout_ms = to_int(value_of("transport.read_timeout_ms"));
  s.retry_base_ms = to_int(value_of("transport.retry_base_ms"));
  s.retry_max_ms = to_int(value_of("transport.retry_max_ms"));
  s.shutdown_timeout_ms = to_int(value_of("shutdown.timeout_ms"));
  s.auth_recheck_ms = to_int(value_of("transport.auth_recheck_ms"));
  s.spool_path = value_of("spool.path");
  s.spool_sync = to_sync_mode(value_of("spool.sync"));
  s.spool_group = value_of("spool.group");
  s.spool_retain_days = to_int(value_of("spool.retain_days"));
  s.spool_busy_timeout_ms = to_int(value_of("spool.busy_timeout_ms"));
  s.spool_lease_ms = to_int(value_of("spool.lease_ms"));
  s.spool_max_mb = to_int(value_of("spool.max_mb"));
  s.budget_account = value_of("budget.account");
  s.budget_limit = optional_int(value_of("budget.limit"));
  s.budget_window_s = optional_int(value_of("budget.window_s"));
  s.budget_reserve = optional_int(value_of("budget.reserve"));
  s.budget_bulk_share = to_int(value_of("budget.bulk_share"));
  s.budget_path = value_of("budget.path");
  s.budget_group = value_of("budget.group");
  s.budget_shared = value_of("budget.shared");
  s.budget_github_write_spacing_ms = to_int(value_of("budget.github.write_spacing_ms"));
  s.budget_bucket_size = optional_int(value_of("budget.bucket_size"));
  s.budget_bucket_refill_per_s = optional_int(value_of("budget.bucket_refill_per_s"));
  s.budget_heartbeat_s = to_int(value_of("budget.heartbeat_s"));
  return s;
}

}  // namespace cib
