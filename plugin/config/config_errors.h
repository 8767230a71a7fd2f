// The wording of configuration errors, shared by the YAML loader and the store so that every
// message reads "<origin>: <key>: <what is wrong>".
#pragma once

#include <string>

#include "config/config_store.h"

namespace cib {

// "pipeline.yml:7:5: batching.linger: unknown key (did you mean batching.linger_ms?)"
ConfigError unknown_key_error(const std::string& origin, const std::string& key);

// "pipeline.yml:7:5: batching.linger_ms: expected a non-negative integer, got \"lots\""
ConfigError invalid_value_error(const std::string& origin, const std::string& key,
                                const std::string& problem);

// "host.api_url: required, but not set (...)"
ConfigError missing_key_error(const std::string& key, const std::string& hint);

// "origin: text", or text alone when there is no origin.
std::string at_origin(const std::string& origin, const std::string& text);

}  // namespace cib
