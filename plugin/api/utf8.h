// Byte-level checks of caller strings, done before anything is copied, and the repairs that
// keep every string the library hands out valid UTF-8.
#pragma once

#include <cstddef>
#include <string>

namespace cib::api {

// strlen, but never reads past `limit` bytes.
std::size_t bounded_length(const char* s, std::size_t limit);

// Well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool is_valid_utf8(const char* s, std::size_t length);
inline bool is_valid_utf8(const std::string& s) {
  return is_valid_utf8(s.data(), s.size());
}

// `text` with each byte that does not start a well-formed sequence replaced by U+FFFD.
std::string repaired_utf8(const std::string& text);

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a
// character: what a caller's buffer of max_bytes + 1 bytes can hold.
std::size_t utf8_prefix_length(const std::string& text, std::size_t max_bytes);

}  // namespace cib::api
