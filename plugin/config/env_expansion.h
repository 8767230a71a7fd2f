// ${ENV_NAME} references in credential values. The expanded text is a secret: callers may quote
// the reference (${NAME}) in a message, never what it expanded to.
#pragma once

#include <functional>
#include <string>

namespace cib {

// "" when every "${" in text starts a well-formed ${NAME} reference (NAME: letters, digits and
// '_', not starting with a digit); else a problem that does not quote the text.
std::string check_env_references(const std::string& text);

struct Expansion {
  std::string value;           // the text with every reference replaced
  std::string unset_variable;  // the first reference whose variable is unset, e.g. "${TOKEN}"
};

// Replaces each ${NAME} by lookup(NAME); lookup returns nullptr for an unset variable.
// The text must have passed check_env_references().
Expansion expand_env_references(const std::string& text,
                                const std::function<const char*(const std::string&)>& lookup);

// expand_env_references() over the process environment.
Expansion expand_env_references(const std::string& text);

}  // namespace cib
