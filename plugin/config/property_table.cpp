#include "config/property_table.h"

#include <iterator>
#include <limits>

namespace cib {
namespace {

constexpr std::int64_t kNoMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kHourMs = 3600000;
constexpr std::int64_t kDayMs = 24 * kHourMs;

// A row: the key, the Settings field it fills, its type and default, and its line of the
// reference. Adding a key is one row here plus its field in config/settings.h.
constexpr Property kBool(const char* key, SettingsField field, const char* def, const char* doc) {
  return {key, field, PropertyType::boolean, def, false, false, false, false, 0, 0, "", "", doc};
}
constexpr Property kInt(const char* key, SettingsField field, const char* def, std::int64_t min,
                        std::int64_t max, const char* doc) {
  return {key, field, PropertyType::integer, def, false, false, false, false, min, max, "",
          "",  doc};
}
constexpr Property kText(const char* key, SettingsField field, PropertyType type, const char* doc) {
  return {key, field, type, "", false, false, false, false, 0, 0, "", "", doc};
}
constexpr Property kEnum(const char* key, SettingsField field, const char* def, const char* choices,
                         const char* doc) {
  return {key, field, PropertyType::enumeration, def, false, false, false, false, 0, 0, choices,
          "",  doc};
}
// Choices a later version will accept (a subset of `choices`): set() takes them, settings()
// refuses them by name.
constexpr Property kPlanned(Property p, const char* planned) {
  p.planned = planned;
  return p;
}
constexpr Property kRequired(Property p) {
  p.required = true;
  return p;
}
// Credentials come from the CI's credential store through the environment, so only they may
// name environment variables; anywhere else ${...} would let a pipeline read the agent's env.
constexpr Property kAuth(Property p, bool secret) {
  p.secret = secret;
  p.env_expansion = true;
  p.unquoted = true;
  return p;
}
// A value next to a credential (host.auth.type, a proxy URL): never quoted in a message.
constexpr Property kUnquoted(Property p) {
  p.unquoted = true;
  return p;
}

// Set only in the administrator's file: it bounds what a pipeline may do.
constexpr Property kAdminOnly(Property p) {
  p.admin_only = true;
  return p;
}

// A value that may hold a password (a Redis URL): never shown, never expanded.
constexpr Property kSecret(Property p) {
  p.secret = true;
  p.unquoted = true;
  return p;
}

// A text key with a default.
constexpr Property kDefault(Property p, const char* def) {
  p.default_value = def;
  return p;
}

// A list of records: each item has the schema's fields (config/record_list.h).
constexpr Property kRecords(const char* key, SettingsField field, const RecordSchema* schema,
                            const char* doc) {
  Property p = kText(key, field, PropertyType::record_list, doc);
  p.default_value = "[]";
  p.records = schema;
  return p;
}

constexpr std::int64_t kMaxQuotaPerHour = 100000000;
constexpr std::int64_t kMaxTtlS = 366 * 86400;

// gateway.clients: {name, token_file, priority, quota_per_hour}. Two tools may share neither a
// name (metrics, pages) nor a token file (the gateway could not tell them apart).
constexpr RecordField kClientFields[] = {
    {"name", RecordFieldType::name, true, "", 0, "", "", "", true},
    {"token_file", RecordFieldType::path, true, "", 0, "", "", "", true},
    {"priority", RecordFieldType::choice, false, "background", 0, "interactive|background",
     "gating", "reserved for the library", false},
    {"quota_per_hour", RecordFieldType::count, false, "0", kMaxQuotaPerHour, "", "", "", false},
};
constexpr RecordSchema kClientSchema{kClientFields, std::size(kClientFields)};

// gateway.cache: {path, ttl_s}; the first rule that matches wins, so a repeated path is allowed.
constexpr RecordField kCacheFields[] = {
    {"path", RecordFieldType::rooted, true, "", 0, "", "", "", false},
    {"ttl_s", RecordFieldType::count, true, "", kMaxTtlS, "", "", "", false},
};
constexpr RecordSchema kCacheSchema{kCacheFields, std::size(kCacheFields)};

std::string without_trailing_slashes(const std::string& url) {
  std::string out = url;
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

constexpr Property kProperties[] = {
    kRequired(kEnum("host.kind", to<&Settings::host_kind>(), "",
                    "bitbucket-cloud|bitbucket-dc|github|gitlab",
                    "Which code host the API URL belongs to (see Hosts).")),
    kText(
        "host.api_url", to<&Settings::api_url, without_trailing_slashes>(), PropertyType::url,
        "Base URL of the host's REST API; empty: the kind's own (`https://api.bitbucket.org/2.0`, "
        "`https://api.github.com`, `https://gitlab.com/api/v4`). Required for `bitbucket-dc`: "
        "the server's base URL, e.g. `https://bb.corp.example`. GitHub Enterprise Server: "
        "`https://HOST/api/v3`; self-managed GitLab: `https://HOST/api/v4`. "
        "`http://` only for loopback hosts or with `tls.allow_insecure_http`."),
    kText("host.allowed_urls", to<&Settings::allowed_urls>(), PropertyType::url_list,
          "URL prefixes that `host.api_url` must start with; empty allows any. In YAML a "
          "sequence, through `cib_config_set` comma-separated."),
    kUnquoted(kEnum("host.auth.type", to<&Settings::auth_type>(), "bearer",
                    "bearer|basic|github-app",
                    "`bearer`: an access token; `basic`: user and password (an app password); "
                    "`github-app` (`host.kind: github` only): a GitHub App's installation token, "
                    "obtained with `host.auth.app_id`, `host.auth.installation_id` and "
                    "`host.auth.private_key_file` and renewed before it expires.")),
    kAuth(kText("host.auth.token", to<&Settings::auth_token>(), PropertyType::string,
                "Access token for bearer authentication, usually `\"${TOKEN_VARIABLE}\"`."),
          true),
    kAuth(kText("host.auth.token_file", to<&Settings::auth_token_file>(), PropertyType::path,
                "File holding the access token (surrounding whitespace ignored); used when "
                "`host.auth.token` is not set, and read again when the host answers 401."),
          false),
    kAdminOnly(kText(
        "host.auth.token_dirs", to<&Settings::auth_token_dirs>(), PropertyType::path_list,
        "Administrator's file only: the folders `host.auth.token_file` and "
        "`host.auth.private_key_file` may lie in, checked on the file's real path (symlinks and "
        "`..` resolved); empty: any folder. Either file must be a regular file of at most 16 KiB "
        "wherever it lies.")),
    kInt("host.auth.app_id", to<&Settings::app_id>(), "", 1, kNoMax,
         "GitHub App: the App's id (\"App ID\" on its settings page). Required with "
         "`host.auth.type: github-app`."),
    kInt("host.auth.installation_id", to<&Settings::installation_id>(), "", 1, kNoMax,
         "GitHub App: the id of its installation on the account or organisation that owns the "
         "repositories (the number ending the installation's settings URL). Required with "
         "`host.auth.type: github-app`."),
    kAuth(kText("host.auth.private_key_file", to<&Settings::private_key_file>(), PropertyType::path,
                "GitHub App: the PEM file of its private key (PKCS#1 or PKCS#8, RSA), read like "
                "`host.auth.token_file` (a regular file of at most 16 KiB, under "
                "`host.auth.token_dirs` when set) each time a token is obtained; never logged. "
                "Required with `host.auth.type: github-app`."),
          false),
    kAuth(kText("host.auth.user", to<&Settings::auth_user>(), PropertyType::string,
                "User name for basic authentication."),
          false),
    kAuth(kText("host.auth.password", to<&Settings::auth_password>(), PropertyType::string,
                "Password or app password for basic authentication."),
          true),
    kInt("batching.linger_ms", to<&Settings::linger_ms>(), "2000", 0, kHourMs,
         "How long an update waits for a newer one of the same slot (in-progress statuses, "
         "comments) before it is sent; each newer update restarts the wait."),
    kInt("batching.terminal_linger_ms", to<&Settings::terminal_linger_ms>(), "200", 0, kHourMs,
         "The same wait for gating updates: the first status of a key on a commit, and every "
         "terminal state."),
    kInt("batching.max_delay_ms", to<&Settings::max_delay_ms>(), "10000", 0, kDayMs,
         "Longest time the oldest unsent update of a slot waits, however often it changes."),
    kInt("batching.max_pending", to<&Settings::max_pending>(), "100000", 1, 100000000,
         "Updates that may wait at once; beyond it posts are refused with CIB_ERR_QUEUE_FULL."),
    kEnum("comments.mode", to<&Settings::comments_mode>(), "upsert", "upsert|summary|append",
          "`upsert`: one comment per key, edited in place; `summary`: one comment per pull "
          "request with a section per key; `append`: a new comment for every change."),
    kEnum("github.reports", to<&Settings::github_reports>(), "checks", "checks|comment",
          "GitHub: `checks`: a report is a check run with its annotations (needs "
          "`host.auth.type: github-app`; with a personal token reports go to comments "
          "instead); `comment`: a report is a keyed summary comment on the commit's pull "
          "requests."),
    kInt("dedup.trust_s", to<&Settings::dedup_trust_s>(), "86400", 0, 366 * 86400,
         "How long a delivered record is trusted: content equal to what was delivered less "
         "than this ago is not sent again."),
    kInt("reports.max_queued", to<&Settings::reports_max_queued>(), "10000", 1, 100000000,
         "Delivery reports kept for `cib_client_poll` while a delivery callback is set."),
    kBool("log.queue", to<&Settings::log_queue>(), "false",
          "Serve log lines through `cib_client_poll` on the caller's thread instead of calling "
          "the log callback on the dispatcher thread."),
    kBool("tls.verify", to<&Settings::tls_verify>(), "true",
          "Verify the host's certificate chain and name."),
    kText("tls.ca_file", to<&Settings::tls_ca_file>(), PropertyType::path,
          "PEM file of trusted certificate authorities; empty: the system's store."),
    kBool("tls.allow_insecure_http", to<&Settings::tls_allow_insecure_http>(), "false",
          "Allow an `http://` API URL for hosts other than loopback ones."),
    kUnquoted(kText("proxy", to<&Settings::proxy>(), PropertyType::url,
                    "HTTP proxy, `http://host:port`; empty: `HTTPS_PROXY` and `NO_PROXY` from "
                    "the environment.")),
    kInt("transport.connect_timeout_ms", to<&Settings::connect_timeout_ms>(), "10000", 1,
         10 * 60000, "Time allowed to open a connection (TCP and TLS)."),
    kInt("transport.read_timeout_ms", to<&Settings::read_timeout_ms>(), "30000", 1, kHourMs,
         "Time allowed for the host to answer a request."),
    kInt("transport.retry_base_ms", to<&Settings::retry_base_ms>(), "500", 1, kHourMs,
         "Base of the back-off between retries: it doubles per attempt, with full jitter."),
    kInt("transport.retry_max_ms", to<&Settings::retry_max_ms>(), "60000", 1, kDayMs,
         "Cap of the back-off between retries."),
    kInt("transport.auth_recheck_ms", to<&Settings::auth_recheck_ms>(), "5000", 10, kHourMs,
         "While the host answers 401: how often the credential is read again "
         "(`host.auth.token_file`, or the environment) and tried, with the slots kept."),
    kText("spool.path", to<&Settings::spool_path>(), PropertyType::path,
          "The spool file (SQLite) on a local disk; empty: `/var/lib/cibatch/<user>/spool.db` "
          "when `/var/lib/cibatch` is writable, else `$XDG_STATE_HOME/cibatch/spool.db`. "
          "Ephemeral agents need a persistent path or a `cibatch drain` step."),
    kEnum("spool.sync", to<&Settings::spool_sync>(), "batch", "always|batch|off",
          "`always`: a post returns once its update is on disk; `batch`: group commit every "
          "10 ms, except gating updates, which are on disk before the post returns; `off`: "
          "memory only, nothing survives the process."),
    kText("spool.group", to<&Settings::spool_group>(), PropertyType::string,
          "Group that may share the spool (file 0660, directory 0770); empty: the user alone "
          "(0600, 0700)."),
    kInt("spool.retain_days", to<&Settings::spool_retain_days>(), "30", 1, 3650,
         "Delivered records older than this are removed from the spool."),
    kInt("spool.busy_timeout_ms", to<&Settings::spool_busy_timeout_ms>(), "5000", 1, 10 * 60000,
         "How long a spool transaction waits for another process's lock."),
    kInt("spool.lease_ms", to<&Settings::spool_lease_ms>(), "30000", 100, kHourMs,
         "How long a process's claim on a slot lasts without renewal; a dead owner's claim is "
         "taken over at once."),
    kInt("spool.max_mb", to<&Settings::spool_max_mb>(), "1024", 0, 1048576,
         "Size cap of the spool file in MiB (0: none); past it posts return "
         "CIB_ERR_SPOOL_FULL."),
    kText("budget.account", to<&Settings::budget_account>(), PropertyType::string,
          "The account the host counts requests against, as the budget names it; empty: the "
          "user for basic authentication, else a hash of the token (never the token)."),
    kInt("budget.limit", to<&Settings::budget_limit>(), "", 0, 100000000,
         "Requests the account may make per `budget.window_s`; empty: the host's own (Bitbucket "
         "Cloud 1000/h, GitHub 5000/h, GitLab 2000/min, Bitbucket DC none: its token bucket); "
         "0: no rolling limit."),
    kInt("budget.window_s", to<&Settings::budget_window_s>(), "", 1, 31 * 86400,
         "The rolling window of `budget.limit`, in seconds; empty: the host's own (3600, "
         "GitLab 60)."),
    kInt("budget.reserve", to<&Settings::budget_reserve>(), "", 0, 100000000,
         "Requests per window always left for people and other tools; empty: a tenth of the "
         "limit."),
    kInt("budget.bulk_share", to<&Settings::budget_bulk_share>(), "50", 1, 100,
         "Percent of a window that reports and annotations may spend, so gating statuses "
         "always find budget."),
    kText("budget.path", to<&Settings::budget_path>(), PropertyType::path,
          "The machine-wide request log (SQLite) shared by every process and user that posts "
          "as one account; empty: `/var/lib/cibatch/budget.db`, or `/var/tmp/cibatch/budget.db` "
          "where that is not writable (a user who cannot open that file, made by another user "
          "without `budget.group`, gets `/var/tmp/cibatch-UID/budget.db` and a warning)."),
    kText("budget.group", to<&Settings::budget_group>(), PropertyType::string,
          "Group that shares the budget file (file 0660, directory 0770); empty: the user "
          "alone."),
    kSecret(
        kText("budget.shared", to<&Settings::budget_shared>(), PropertyType::redis_url,
              "`redis://[:PASSWORD@]HOST:PORT/DB`: share the budget, leases and delivered records "
              "across machines; while Redis is away each process spends its share of what is "
              "left. `rediss://` is not supported.")),
    kInt("budget.github.write_spacing_ms", to<&Settings::budget_github_write_spacing_ms>(), "1000",
         0, kHourMs, "GitHub: least time between two content-creating requests of one account."),
    kInt("budget.bucket_size", to<&Settings::budget_bucket_size>(), "", 1, 1000000,
         "Bitbucket Data Center: the per-node token bucket's size; empty: 60."),
    kInt("budget.bucket_refill_per_s", to<&Settings::budget_bucket_refill_per_s>(), "", 1, 1000000,
         "Bitbucket Data Center: tokens the bucket gains per second; empty: 5."),
    kInt("budget.heartbeat_s", to<&Settings::budget_heartbeat_s>(), "30", 1, 3600,
         "A client counts as live this long after its last heartbeat, when shares of a budget "
         "are worked out while Redis is away."),
    kText("sonar.url", to<&Settings::sonar_url, without_trailing_slashes>(), PropertyType::url,
          "Base URL of the SonarQube server (or `https://sonarcloud.io`) that "
          "`cib_client_post_sonar_task` asks for the analysis; `http://` only for loopback "
          "hosts or with `tls.allow_insecure_http`. TLS and proxy settings are the host's."),
    kAuth(kText("sonar.token", to<&Settings::sonar_token>(), PropertyType::string,
                "SonarQube user or analysis token, usually `\"${SONAR_TOKEN}\"`; empty: "
                "anonymous."),
          true),
    kText("sonar.organization", to<&Settings::sonar_organization>(), PropertyType::string,
          "SonarCloud: the organization's key, sent with every request; empty: none."),
    kInt("sonar.wait_timeout_ms", to<&Settings::sonar_wait_timeout_ms>(), "300000", 1000, kDayMs,
         "How long `cib_client_post_sonar_task` waits for the analysis (the compute-engine "
         "task) to finish before it reports the post failed."),
    kBool("sonar.comment", to<&Settings::sonar_comment>(), "false",
          "Also keep one comment on the pull request with the quality gate, its failed "
          "conditions and the counts of findings, edited in place for each analysis."),
    kInt("shutdown.timeout_ms", to<&Settings::shutdown_timeout_ms>(), "10000", 0, kHourMs,
         "How long `cib_client_destroy` keeps delivering before it leaves the rest in the "
         "spool."),
    kText("agent.socket", to<&Settings::agent_socket>(), PropertyType::path,
          "`cibatch agent`: its Unix socket, where `cibatch` commands find it; empty: "
          "`$XDG_RUNTIME_DIR/cibatch/agent.sock`, else `agent.sock` beside the spool file. "
          "Mode 0600, or 0660 with `spool.group`."),
    kInt("agent.max_connections", to<&Settings::agent_max_connections>(), "1024", 1, 65536,
         "`cibatch agent`: connections served at once; further ones are closed at once."),
    kInt("agent.max_message_mb", to<&Settings::agent_max_message_mb>(), "128", 1, 1024,
         "`cibatch agent`: the largest request it reads, in MiB (a Sonar analysis travels "
         "whole); a larger one is refused and its connection closed."),
    kInt("agent.read_timeout_ms", to<&Settings::agent_read_timeout_ms>(), "10000", 100, kHourMs,
         "`cibatch agent`: time a request may take to arrive once begun; an idle connection is "
         "closed after it too."),
    kDefault(
        kText(
            "gateway.listen", to<&Settings::gateway_listen>(), PropertyType::string,
            "`cibatch gateway` (read from its first `--config` file, as are all `gateway.*` keys "
            "but `gateway.mount`): the address it listens on, `HOST:PORT`; port 0 lets the system "
            "pick. The default listens on loopback only."),
        "127.0.0.1:8790"),
    kText("gateway.mount", to<&Settings::gateway_mount>(), PropertyType::string,
          "`cibatch gateway`, read from every `--config` file: the path this file's host is "
          "served under; empty: the API URL's path (`/2.0`, `/api/v4`, `/` when none)."),
    kText("gateway.public_url", to<&Settings::gateway_public_url, without_trailing_slashes>(),
          PropertyType::url,
          "`cibatch gateway`: the base URL tools reach it at, used in rewritten links; empty: "
          "the scheme and `Host` header of each request."),
    kText("gateway.tls_cert_file", to<&Settings::gateway_tls_cert_file>(), PropertyType::path,
          "`cibatch gateway`: PEM certificate (chain) to serve HTTPS with; with "
          "`gateway.tls_key_file`."),
    kText("gateway.tls_key_file", to<&Settings::gateway_tls_key_file>(), PropertyType::path,
          "`cibatch gateway`: PEM private key of `gateway.tls_cert_file`."),
    kRecords("gateway.clients", to<&Settings::gateway_clients>(), &kClientSchema,
             "`cibatch gateway`, at least one: the tools that may use it. Each presents the token "
             "held in its `token_file`; `priority` (default `background`) places it in the "
             "account's budget (`gating` is the library's own); `quota_per_hour` caps its "
             "upstream requests per rolling hour (0: none). Names and token files are unique."),
    kRecords("gateway.cache", to<&Settings::gateway_cache>(), &kCacheSchema,
             "`cibatch gateway`: which GET answers are cached and for how long: `path` is a "
             "pattern below the mount (`*` any characters but `/`, `**` any characters), "
             "matched without the query; the first rule that matches wins; a read no rule "
             "matches is not cached."),
    kInt("gateway.cache_mb", to<&Settings::gateway_cache_mb>(), "64", 1, 65536,
         "`cibatch gateway`: memory the cached answers may take, in MiB."),
    kText("gateway.cache_path", to<&Settings::gateway_cache_path>(), PropertyType::path,
          "`cibatch gateway`: a SQLite file that also keeps cached answers across restarts; "
          "empty: memory only."),
    kInt("gateway.stale_max_s", to<&Settings::gateway_stale_max_s>(), "300", 0, kMaxTtlS,
         "`cibatch gateway`: how old an expired answer may be when it is served, marked stale, "
         "to a tool the budget or its quota cannot serve now."),
    kInt("gateway.interactive_wait_ms", to<&Settings::gateway_interactive_wait_ms>(), "5000", 0,
         kHourMs,
         "`cibatch gateway`: how long an interactive tool's request waits for budget before "
         "it gets a 429."),
    kInt("gateway.upstream_connections", to<&Settings::gateway_upstream_connections>(), "8", 1,
         1024, "`cibatch gateway`: connections it keeps to each host."),
    kInt("gateway.threads", to<&Settings::gateway_threads>(), "32", 1, 4096,
         "`cibatch gateway`: requests served at once."),
    kInt("gateway.max_connections", to<&Settings::gateway_max_connections>(), "512", 1, 65536,
         "`cibatch gateway`: connections open at once; further ones are closed at once."),
    kInt("gateway.max_body_mb", to<&Settings::gateway_max_body_mb>(), "32", 1, 1024,
         "`cibatch gateway`: the largest request body, in MiB; a larger one gets 413."),
    kInt("gateway.max_header_count", to<&Settings::gateway_max_header_count>(), "100", 1, 10000,
         "`cibatch gateway`: headers a request may have; more get 431."),
    kInt("gateway.max_header_kb", to<&Settings::gateway_max_header_kb>(), "64", 1, 1024,
         "`cibatch gateway`: the request line and headers together, in KiB; more get 431."),
    kInt("gateway.read_timeout_ms", to<&Settings::gateway_read_timeout_ms>(), "10000", 100, kHourMs,
         "`cibatch gateway`: time a request's head or body may take to arrive; a slower "
         "client's connection is closed."),
    kInt("gateway.keep_alive_ms", to<&Settings::gateway_keep_alive_ms>(), "15000", 100, kHourMs,
         "`cibatch gateway`: an idle keep-alive connection is closed after this."),
    kInt("gateway.drain_timeout_ms", to<&Settings::gateway_drain_timeout_ms>(), "30000", 0, kHourMs,
         "`cibatch gateway`: on SIGTERM, how long requests in flight may take to finish before "
         "their connections are closed."),
};

}  // namespace

PropertyTable property_table() {
  return {kProperties, std::size(kProperties)};
}

}  // namespace cib
