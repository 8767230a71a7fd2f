// A layered configuration: defaults, then the administrator's file (which may lock keys),
// then the pipeline's settings. Values are validated against the property table as they are set.
// No error it throws holds a known secret value: those read <secret>.
#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/settings.h"
#include "config/yaml_source.h"

namespace cib {

// Every configuration error. `code` chooses the cib_status at the ABI guard.
class ConfigError : public std::runtime_error {
 public:
  enum class Code { unknown_key, invalid_value, locked, syntax, missing };
  ConfigError(Code code, const std::string& message) : std::runtime_error(message), code_(code) {}
  Code code() const { return code_; }

 private:
  Code code_;
};

// Where a value came from, for messages: "pipeline.yml:7:5" or "cib_config_set".
struct Origin {
  std::string where = "cib_config_set";
};

class ConfigStore {
 public:
  ConfigStore();   // defaults only
  ~ConfigStore();  // wipes the secret keys' values
  ConfigStore(const ConfigStore&) = default;
  ConfigStore& operator=(const ConfigStore&) = default;

  // Reads the administrator's file: $CIBATCH_ADMIN_CONFIG, else /etc/cibatch/cibatch.yml when it
  // exists. Its keys are applied as the admin layer, then its `lock:` list and default locks.
  void load_admin_layer();

  // Sets one key from text (pipeline layer). Throws ConfigError naming the key and origin.
  void set(const std::string& key, const std::string& value, const Origin& origin = {});

  // Applies the `cibatch:` mapping of a YAML file or text (pipeline layer).
  void load_yaml(const std::string& path_or_text);
  // The same for a document already read (config/yaml_source.h): no guess at file or text.
  void load_yaml(const YamlSource& source);

  // The effective value as text (host.api_url unset: host.kind's default), ${ENV} references
  // unexpanded; a secret written inline reads
  // "(secret)" (config/secret_redaction.h written_inline), one given by references alone and
  // a Redis URL without a password read as written.
  std::string get(const std::string& key) const;

  // The secret keys whose value holds the secret itself (written_inline), in key order: the
  // client warns about each when it opens.
  std::vector<std::string> inline_secret_keys() const;

  // Validates required keys and URL rules, expands ${ENV} in host.auth.*, and returns the
  // typed snapshot. Throws ConfigError.
  Settings settings() const;

 private:
  friend class AdminLayerLoader;
  // settings_snapshot.cpp: every row's field, then the checks and credentials that need
  // several keys at once.
  Settings build_settings() const;
  void fill_from_table(Settings& s) const;
  // host.api_url unset: the kind's default (bitbucket-dc has none: refused).
  void fill_api_url(Settings& s) const;
  void check_api_url(const Settings& s) const;
  void check_plain_http(const Settings& s, const std::string& key, const std::string& url) const;
  void fill_credentials(Settings& s) const;
  // app_settings.cpp: host.auth.type github-app's keys, its key file read and checked.
  void fill_github_app(Settings& s) const;
  // Expands the credential `key` into the field its row names.
  void fill_credential(Settings& s, const std::string& key) const;
  std::string expanded_credential(const std::string& key) const;
  // Runs action; a ConfigError it throws is thrown again with every secret value this store
  // knows (see config/secret_redaction.h) replaced by <secret>.
  template <typename Action>
  auto redacting(Action&& action) const -> decltype(action());
  ConfigError redacted(const ConfigError& error) const;
  void apply(const std::string& key, const std::string& value, const Origin& origin, bool admin);

  bool is_locked(const std::string& key) const;
  // The effective text of a known key: its set value, else its default.
  std::string value_of(const std::string& key) const;
  std::string origin_of(const std::string& key) const;
  void check_allowed_url(const std::string& api_url, const std::string& where) const;

  std::map<std::string, std::string> values_;  // raw text, after validation
  std::map<std::string, std::string> admin_values_;
  std::set<std::string> locked_;                // keys and group prefixes ("comments")
  std::map<std::string, std::string> origins_;  // key -> where its value was set
  std::string admin_file_;                      // for "locked by ..." messages
};

template <typename Action>
auto ConfigStore::redacting(Action&& action) const -> decltype(action()) {
  try {
    return action();
  } catch (const ConfigError& error) {
    throw redacted(error);
  }
}

}  // namespace cib
