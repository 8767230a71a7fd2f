#include "config/config_store.h"

#include "config/config_errors.h"
#include "config/property_table.h"
#include "config/secret_redaction.h"
#include "config/url_rules.h"
#include "config/value_check.h"
#include "config/yaml_loader.h"
#include "runtime/secret_text.h"

namespace cib {
namespace {

constexpr const char* kApiUrl = "host.api_url";
constexpr const char* kAllowedUrls = "host.allowed_urls";
// An API URL holds no credentials (check_value refuses user:password@), and which URL was
// refused is the point of the message: it is quoted at this length.
constexpr std::size_t kApiUrlQuoted = 120;

// The API URL a client of host.kind `kind` uses when host.api_url is not set; "" when it has
// none (bitbucket-dc, or no kind yet).
std::string default_api_url_of(const std::string& kind) {
  for (HostKind k :
       {HostKind::bitbucket_cloud, HostKind::bitbucket_dc, HostKind::github, HostKind::gitlab}) {
    if (kind == to_string(k)) return default_api_url(k);
  }
  return "";
}

}  // namespace

ConfigStore::ConfigStore() = default;

ConfigStore::~ConfigStore() {
  for (auto* values : {&values_, &admin_values_}) {
    for (auto& [key, value] : *values) {
      const Property* property = find_property(key);
      if (property != nullptr && property->secret) wipe(value);
    }
  }
}

void ConfigStore::set(const std::string& key, const std::string& value, const Origin& origin) {
  redacting([&] { apply(key, value, origin, false); });
}

void ConfigStore::apply(const std::string& key, const std::string& value, const Origin& origin,
                        bool admin) {
  const Property* property = find_property(key);
  if (property == nullptr) throw unknown_key_error(origin.where, key);
  if (!admin && property->admin_only) {
    throw ConfigError(
        ConfigError::Code::locked,
        at_origin(origin.where, key + " may be set only in the administrator's file"));
  }
  if (!admin && is_locked(key)) {
    throw ConfigError(
        ConfigError::Code::locked,
        at_origin(origin.where, key + " is locked by the administrator's file " + admin_file_));
  }
  if (property->type == PropertyType::record_list) {
    // The message names the record and field: "gateway.clients[1].priority".
    const RecordsCheck records = check_records_text(*property, value, origin.where);
    if (!records.ok) {
      throw invalid_value_error(origin.where, key + records.field, records.problem);
    }
  }
  const ValueCheck checked = check_value(*property, value);
  if (!checked.ok) throw invalid_value_error(origin.where, key, checked.problem);
  if (key == kApiUrl) check_allowed_url(checked.value, origin.where);

  values_[key] = checked.value;
  origins_[key] = origin.where;
  if (admin) admin_values_[key] = checked.value;
}

void ConfigStore::load_yaml(const std::string& path_or_text) {
  redacting([&] { load_yaml(read_yaml_source(path_or_text)); });
}

void ConfigStore::load_yaml(const YamlSource& source) {
  redacting([&] {
    load_cibatch_yaml(
        source, [this](const std::string& key, const YamlValue& value, const std::string& origin) {
          set(key, yaml_value_text(key, value, origin), Origin{origin});
        });
  });
}

Settings ConfigStore::settings() const {
  return redacting([this] { return build_settings(); });
}

ConfigError ConfigStore::redacted(const ConfigError& error) const {
  std::vector<std::string> secrets;
  for (const auto& [key, value] : values_) {
    const Property* property = find_property(key);
    if (property == nullptr) continue;
    for (std::string& secret : secret_values(*property, value)) {
      secrets.push_back(std::move(secret));
    }
  }
  return ConfigError(error.code(), redact_secrets(error.what(), secrets));
}

std::string ConfigStore::get(const std::string& key) const {
  const Property* property = find_property(key);
  if (property == nullptr) throw unknown_key_error("", key);
  const std::string value = value_of(key);
  if (written_inline(*property, value)) return "(secret)";
  if (key == kApiUrl && value.empty()) return default_api_url_of(value_of("host.kind"));
  return value;
}

std::vector<std::string> ConfigStore::inline_secret_keys() const {
  std::vector<std::string> keys;
  for (const auto& [key, value] : values_) {
    const Property* property = find_property(key);
    if (property != nullptr && written_inline(*property, value)) keys.push_back(key);
  }
  return keys;
}

bool ConfigStore::is_locked(const std::string& key) const {
  for (const std::string& lock : locked_) {
    if (key == lock || key.compare(0, lock.size() + 1, lock + ".") == 0) return true;
  }
  return false;
}

std::string ConfigStore::value_of(const std::string& key) const {
  const auto found = values_.find(key);
  if (found != values_.end()) return found->second;
  const Property* property = find_property(key);
  return property != nullptr ? property->default_value : "";
}

std::string ConfigStore::origin_of(const std::string& key) const {
  const auto found = origins_.find(key);
  return found != origins_.end() ? found->second : std::string();
}

void ConfigStore::check_allowed_url(const std::string& api_url, const std::string& where) const {
  const std::vector<std::string> allowed = split_list(value_of(kAllowedUrls));
  if (allowed.empty() || api_url.empty()) return;
  for (const std::string& prefix : allowed) {
    if (url_has_prefix(api_url, prefix)) return;
  }
  std::string set_at = origin_of(kAllowedUrls);
  set_at = set_at.empty() ? "" : " (set at " + set_at + ")";
  throw invalid_value_error(where, kApiUrl,
                            quote_for_message(api_url, kApiUrlQuoted) +
                                " is not under host.allowed_urls: " + join_list(allowed) + set_at);
}

}  // namespace cib
