// Known secret values kept out of messages: whatever a secret key holds, what its ${ENV}
// references expand to, and the password inside a Redis URL.
#pragma once

#include <string>
#include <vector>

#include "config/property_table.h"

namespace cib {

// The texts that must never appear in a message, given what a secret key is set to as written
// (unexpanded). Empty for a key that is not secret.
std::vector<std::string> secret_values(const Property& property, const std::string& written);

// True when a secret key's written value holds a secret itself rather than only ${ENV}
// references: text outside the references, or for a Redis URL a password.
bool written_inline(const Property& property, const std::string& written);

// The warning for a secret key written inline: it names the key, never the value.
std::string inline_secret_warning(const std::string& key);

// text with every occurrence of each secret (and of the start of a long one, as a message
// quotes only the start of a value) replaced by <secret>. Values shorter than four characters
// are left alone: replacing them would garble the message and hide nothing.
std::string redact_secrets(std::string text, const std::vector<std::string>& secrets);

}  // namespace cib
