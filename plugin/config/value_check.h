// Checks a value's text against its property's type and brings it to one spelling.
#pragma once

#include <string>
#include <vector>

#include "config/property_table.h"
#include "config/value_quotes.h"

namespace cib {

struct ValueCheck {
  bool ok = false;
  std::string value;    // when ok: the normalised text ("true", "2000", "a,b")
  std::string problem;  // when not ok: "expected ..., got ..." (a secret reads <secret>)
};

// Checks text as the property's type. Keys with ${ENV} expansion are checked for well-formed
// references only; settings() checks what they expand to with check_expanded_value().
ValueCheck check_value(const Property& property, const std::string& text);
ValueCheck check_expanded_value(const Property& property, const std::string& expanded);

// The items of a url_list value: comma-separated, trimmed, empty items dropped.
std::vector<std::string> split_list(const std::string& text);

// The text of a url_list value: the items joined with commas.
std::string join_list(const std::vector<std::string>& items);

// text without leading and trailing white space.
std::string trim_blanks(const std::string& text);

}  // namespace cib
