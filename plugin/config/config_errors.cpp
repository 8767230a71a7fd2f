#include "config/config_errors.h"

#include "config/property_table.h"
#include "config/value_quotes.h"

namespace cib {
namespace {

// Every known key is shorter; an unknown key is named by its first characters only, as it is
// the caller's text (a YAML key may be a megabyte long, or a secret pasted in the wrong place).
constexpr std::size_t kKeyShown = 64;

}  // namespace

std::string at_origin(const std::string& origin, const std::string& text) {
  return origin.empty() ? text : origin + ": " + text;
}

ConfigError unknown_key_error(const std::string& origin, const std::string& key) {
  std::string text = excerpt_for_message(key, kKeyShown) + ": unknown key";
  const std::string nearest = key.size() > kKeyShown ? "" : nearest_property_key(key);
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
