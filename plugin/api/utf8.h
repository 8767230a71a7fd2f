// Byte-level checks of caller strings, done before anything is copied.
#pragma once

#include <cstddef>

namespace cib::api {

// strlen, but never reads past `limit` bytes.
std::size_t bounded_length(const char* s, std::size_t limit);

// Well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool is_valid_utf8(const char* s, std::size_t length);

}  // namespace cib::api
