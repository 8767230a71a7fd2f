// The administrator's layer: a file the pipeline's author cannot edit, read before the
// pipeline's settings, that may lock keys so a pull request cannot redirect the token.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "config/config_errors.h"
#include "config/config_store.h"
#include "config/property_table.h"
#include "config/value_check.h"
#include "config/yaml_loader.h"

namespace cib {
namespace {

constexpr const char* kAdminFileVariable = "CIBATCH_ADMIN_CONFIG";
constexpr const char* kDefaultAdminFile = "/etc/cibatch/cibatch.yml";

// Groups whose keys decide where the credential goes and how it is protected: once the
// administrator sets one of them, a pipeline may not change it.
// `sonar` too: its token goes to sonar.url.
constexpr const char* kLockedOnceSet[] = {"host", "tls", "proxy", "spool", "budget", "sonar"};

// A credential the administrator sets goes only where, and as, the administrator's file says:
// these keys are locked with it even when the file leaves them unset.
struct CredentialDestination {
  const char* credential_group;
  const char* locked[4];  // nullptr: none
};
constexpr CredentialDestination kCredentialDestinations[] = {
    {"host.auth", {"host.api_url", "host.kind", "tls", "proxy"}},
    {"sonar.token", {"sonar.url", "tls", "proxy", nullptr}},
};

bool in_group(const std::string& key, const std::string& group) {
  return key == group || key.compare(0, group.size() + 1, group + ".") == 0;
}

}  // namespace

class AdminLayerLoader {
 public:
  explicit AdminLayerLoader(ConfigStore& store) : store_(store) {}

  void load() {
    const std::string path = admin_file();
    if (path.empty()) return;
    store_.admin_file_ = path;
    load_cibatch_yaml(
        path,
        [this](const std::string& key, const YamlValue& value, const std::string& origin) {
          if (key == "lock") {
            collect_locks(value, origin);
          } else {
            store_.apply(key, yaml_value_text(key, value, origin), Origin{origin}, true);
          }
        },
        YamlLoadOptions{true});
    lock_groups_set_by_admin();
    lock_credential_destinations();
    for (auto& lock : locks_) store_.locked_.insert(std::move(lock));
  }

 private:
  // "" when there is no administrator's file.
  static std::string admin_file() {
    const char* named = std::getenv(kAdminFileVariable);
    if (named != nullptr && *named != '\0') {
      const std::string path = named;
      std::error_code error;
      if (path.find('\n') != std::string::npos || !std::filesystem::exists(path, error)) {
        throw ConfigError(ConfigError::Code::syntax, std::string(kAdminFileVariable) + " names " +
                                                         quote_for_message(path) +
                                                         ", which does not exist");
      }
      return path;
    }
    std::error_code error;
    return std::filesystem::exists(kDefaultAdminFile, error) ? kDefaultAdminFile : "";
  }

  void collect_locks(const YamlValue& value, const std::string& origin) {
    std::vector<std::string> entries = value.items;
    std::vector<std::string> origins = value.item_origins;
    if (!value.is_list) {
      entries = split_list(value.scalar);
      origins.assign(entries.size(), origin);
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string entry = trim_blanks(entries[i]);
      if (find_property(entry) == nullptr && !is_property_group(entry)) {
        throw unknown_key_error(origins[i], entry);
      }
      locks_.push_back(entry);
    }
  }

  void lock_groups_set_by_admin() {
    for (const auto& [key, value] : store_.admin_values_) {
      for (const char* group : kLockedOnceSet) {
        if (in_group(key, group)) store_.locked_.insert(key);
      }
    }
  }

  void lock_credential_destinations() {
    for (const auto& [key, value] : store_.admin_values_) {
      for (const CredentialDestination& destination : kCredentialDestinations) {
        if (key == "host.auth.type" || key == "host.auth.token_dirs") continue;
        if (!in_group(key, destination.credential_group)) continue;
        for (const char* locked : destination.locked) {
          if (locked != nullptr) store_.locked_.insert(locked);
        }
      }
    }
  }

  ConfigStore& store_;
  std::vector<std::string> locks_;
};

void ConfigStore::load_admin_layer() {
  redacting([this] { AdminLayerLoader(*this).load(); });
}

}  // namespace cib
