// ConfigStore::settings(): the checks that need every key at once (the order of keys is free),
// the expansion of credentials, and the typed snapshot.
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>

#include "config/config_errors.h"
#include "config/config_store.h"
#include "config/env_expansion.h"
#include "config/property_table.h"
#include "config/token_file.h"
#include "config/url_rules.h"
#include "config/value_check.h"
#include "runtime/secret_text.h"

namespace cib {
namespace {

// An enumeration's values that this version builds: "bitbucket-cloud, gitlab".
std::string listed_built_choices(const Property& p) {
  std::string listed;
  for (const std::string& choice : built_choices(p))
    listed += (listed.empty() ? "" : ", ") + choice;
  return listed;
}

std::string required_hint(const Property& p) {
  if (p.type == PropertyType::enumeration) return "accepted: " + listed_built_choices(p);
  return std::string("a ") + type_name(p.type);
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

// Reads a token file. Messages name the path as written, so an expanded variable never shows,
// and quote no byte of the file.
std::string token_from_file(const Settings& s, const std::string& written,
                            const std::string& where) {
  const std::string key = "host.auth.token_file";
  const std::string named =
      quote_for_message(written) +
      (s.auth_token_file == written ? "" : " (expanded from the environment)");
  TokenFileRead read = read_token_file(s.auth_token_file, s.auth_token_dirs);
  if (!read.problem.empty()) {
    throw invalid_value_error(where, key, "cannot read " + named + ": " + read.problem);
  }
  if (read.token.empty()) throw invalid_value_error(where, key, named + " holds no token");
  const Property& property = *find_property("host.auth.token");
  std::string token = std::move(read.token);
  if (!check_expanded_value(property, token).ok) {
    wipe(token);
    throw invalid_value_error(where, key, named + " holds more than one line of text");
  }
  return token;
}

// The transport reads tls.ca_file when the client starts: a FIFO would block that read for
// ever and a device would never end, so only a regular file (or none, which it reports) passes.
void check_ca_file(const Settings& s, const std::string& where) {
  if (!s.tls_verify || s.tls_ca_file.empty()) return;
  struct stat st {};
  if (::stat(s.tls_ca_file.c_str(), &st) != 0 || S_ISREG(st.st_mode)) return;
  throw invalid_value_error(where, "tls.ca_file",
                            quote_for_message(s.tls_ca_file) + " is not a regular file");
}

}  // namespace

Settings ConfigStore::build_settings() const {
  Settings s;
  fill_from_table(s);
  fill_api_url(s);
  check_api_url(s);
  check_ca_file(s, origin_of("tls.ca_file"));
  fill_credentials(s);
  if (!value_of("sonar.token").empty()) fill_credential(s, "sonar.token");
  return s;
}

void ConfigStore::fill_from_table(Settings& s) const {
  for (const Property& p : property_table()) {
    // Credentials are expanded by fill_credentials(), only those host.auth.type uses.
    if (p.env_expansion) continue;
    const std::string text = value_of(p.key);
    if (p.required && text.empty()) throw missing_key_error(p.key, required_hint(p));
    if (is_planned_choice(p, text)) {
      throw invalid_value_error(origin_of(p.key), p.key,
                                shown_value(p, text) + " is planned, not built: this version " +
                                    "accepts " + listed_built_choices(p));
    }
    p.field.assign(p, s, text);
  }
}

void ConfigStore::fill_api_url(Settings& s) const {
  if (!s.api_url.empty()) return;
  s.api_url = default_api_url(s.host_kind);
  if (!s.api_url.empty()) return;
  throw ConfigError(ConfigError::Code::missing,
                    at_origin(origin_of("host.kind"),
                              std::string("host.api_url: required, but not set (host.kind ") +
                                  to_string(s.host_kind) +
                                  " has no default: set the server's base URL, e.g. "
                                  "https://bb.corp.example)"));
}

void ConfigStore::check_api_url(const Settings& s) const {
  // A default URL obeys host.allowed_urls too; the message then points at host.kind.
  const bool defaulted = value_of("host.api_url").empty();
  check_allowed_url(s.api_url, origin_of(defaulted ? "host.kind" : "host.api_url"));
  check_plain_http(s, "host.api_url", s.api_url);
  if (!s.sonar_url.empty()) check_plain_http(s, "sonar.url", s.sonar_url);
}

// A credential goes to `url`: plain http only to loopback or with tls.allow_insecure_http.
void ConfigStore::check_plain_http(const Settings& s, const std::string& key,
                                   const std::string& url_text) const {
  const auto url = parse_url(url_text);
  if (url && url->scheme == "http" && !is_loopback_url_host(url->host) &&
      !s.tls_allow_insecure_http) {
    throw invalid_value_error(origin_of(key), key,
                              "plain http:// would send the credential unencrypted to " +
                                  quote_for_message(url->host) +
                                  "; use https://, or set tls.allow_insecure_http: true");
  }
}

std::string ConfigStore::expanded_credential(const std::string& key) const {
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
}

void ConfigStore::fill_credential(Settings& s, const std::string& key) const {
  const Property& p = *find_property(key);
  p.field.assign(p, s, expanded_credential(key));
}

void ConfigStore::fill_credentials(Settings& s) const {
  const auto require = [this](const std::string& key, const std::string& hint) {
    if (value_of(key).empty()) throw missing_key_error(key, hint);
  };
  if (s.auth_type == AuthType::basic) {
    require("host.auth.user", "host.auth.type is basic");
    require("host.auth.password", "host.auth.type is basic");
    fill_credential(s, "host.auth.user");
    fill_credential(s, "host.auth.password");
    s.auth_password_env = sole_variable(value_of("host.auth.password"));
    return;
  }
  if (s.auth_type == AuthType::github_app) {
    fill_github_app(s);
    return;
  }
  fill_credential(s, "host.auth.token");
  s.auth_token_env = sole_variable(value_of("host.auth.token"));
  if (!s.auth_token.empty()) return;
  require("host.auth.token_file",
          "host.auth.type is bearer: set host.auth.token or host.auth.token_file");
  fill_credential(s, "host.auth.token_file");
  s.auth_token =
      token_from_file(s, value_of("host.auth.token_file"), origin_of("host.auth.token_file"));
}

}  // namespace cib
