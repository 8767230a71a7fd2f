#include "config/config_errors.h"

#include "config/property_table.h"

namespace cib {

std::string at_origin(const std::string& origin, const std::string& text) {
  return origin.empty() ? text : origin + ": " + text;
}

ConfigError unknown_key_error(const std::string& origin, const std::string& key) {
  std::string text = key + ": unknown key";
  const std::string nearest = nearest_property_key(key);
  if (!nearest.empty()) text += " (did you mean " + nearest + "?)";
  text += "; docs/CONFIGURATION.md lists every key";
  return ConfigError(ConfigError::Code::unknown_key, at_origin(origin, text));
}

ConfigError invalid_value_error(const std::string& origin, const std::string& key,
                                const std::string& problem) {
  return ConfigError(ConfigError::Code::invalid_value, at_origin(origin, key + ": " + problem));
}

ConfigError missing_key_error(const std::string& key, const std::string& hint) {
  std::string text = key + ": required, but not set";
  if (!hint.empty()) text += " (" + hint + ")";
  return ConfigError(ConfigError::Code::missing, text);
}

}  // namespace cib
