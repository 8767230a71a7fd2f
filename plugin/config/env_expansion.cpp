#include "config/env_expansion.h"

#include <cctype>
#include <cstdlib>

namespace cib {
namespace {

bool is_name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_';
}
bool is_name_char(char c) {
  return is_name_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// The end of the reference starting at `at` (the index of '$'): the index after '}', or npos.
std::size_t reference_end(const std::string& text, std::size_t at) {
  std::size_t i = at + 2;
  if (i >= text.size() || !is_name_start(text[i])) return std::string::npos;
  while (i < text.size() && is_name_char(text[i])) ++i;
  if (i >= text.size() || text[i] != '}') return std::string::npos;
  return i + 1;
}

}  // namespace

std::string check_env_references(const std::string& text) {
  for (std::size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 1)) {
    if (reference_end(text, at) == std::string::npos) {
      return "expected ${NAME} references with NAME made of letters, digits and '_'";
    }
  }
  return {};
}

Expansion expand_env_references(const std::string& text,
                                const std::function<const char*(const std::string&)>& lookup) {
  Expansion out;
  std::size_t done = 0;
  for (std::size_t at = text.find("${"); at != std::string::npos; at = text.find("${", done)) {
    const std::size_t end = reference_end(text, at);
    if (end == std::string::npos) break;
    out.value.append(text, done, at - done);
    const std::string name = text.substr(at + 2, end - at - 3);
    const char* found = lookup(name);
    if (found == nullptr) {
      if (out.unset_variable.empty()) out.unset_variable = "${" + name + "}";
    } else {
      out.value += found;
    }
    done = end;
  }
  out.value.append(text, done, std::string::npos);
  return out;
}

Expansion expand_env_references(const std::string& text) {
  return expand_env_references(
      text, [](const std::string& name) -> const char* { return std::getenv(name.c_str()); });
}

}  // namespace cib
