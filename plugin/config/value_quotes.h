// How a message quotes what a caller gave: a short excerpt with control characters escaped, and
// nothing at all of a secret or of a value next to a credential.
#pragma once

#include <cstddef>
#include <string>

#include "config/property_table.h"

namespace cib {

// Messages quote at most this many characters of what a caller gave.
constexpr std::size_t kQuotedMax = 40;

// text with control characters written as \xNN.
std::string escape_controls(const std::string& text);

// At most `max` characters of text, control characters escaped, "..." where it was cut.
std::string excerpt_for_message(const std::string& text, std::size_t max = kQuotedMax);

// A value quoted for a message: "text" as excerpt_for_message() gives it, '"' and '\' escaped.
std::string quote_for_message(const std::string& text, std::size_t max = kQuotedMax);

// What a message shows for a value of this property: <secret>; for a key next to a credential,
// only its length (or, for an enumeration, a near miss of a choice); for a URL, its quotation
// with any user:password@ hidden; else its quotation.
std::string shown_value(const Property& property, const std::string& text);

}  // namespace cib
