#include "api/utf8.h"

#include <cstring>

namespace cib::api {
namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// The length of the well-formed sequence at p[i], or 0 when none starts there.
std::size_t sequence_length(const unsigned char* p, std::size_t i, std::size_t length) {
  const unsigned char c = p[i];
  if (c < 0x80) return 1;
  std::size_t extra;
  unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    extra = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    extra = 2;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    extra = 3;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;  // a continuation byte, an overlong lead (0xC0, 0xC1) or 0xF5..0xFF
  }
  if (i + extra >= length) return 0;
  if (p[i + 1] < lo || p[i + 1] > hi) return 0;
  for (std::size_t k = 2; k <= extra; ++k) {
    if (!is_continuation(p[i + k])) return 0;
  }
  return extra + 1;
}

}  // namespace

std::size_t bounded_length(const char* s, std::size_t limit) {
  return ::strnlen(s, limit);
}

bool is_valid_utf8(const char* s, std::size_t length) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  for (std::size_t i = 0; i < length;) {
    const std::size_t n = sequence_length(p, i, length);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string repaired_utf8(const std::string& text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = sequence_length(p, i, text.size());
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text, i, n);
      i += n;
    }
  }
  return out;
}

std::size_t utf8_prefix_length(const std::string& text, std::size_t max_bytes) {
  if (max_bytes >= text.size()) return text.size();
  std::size_t n = max_bytes;
  // A character is at most 4 bytes: step back over at most 3 continuation bytes.
  for (int k = 0; k < 3 && n > 0 && is_continuation(static_cast<unsigned char>(text[n])); ++k) {
    --n;
  }
  return n;
}

}  // namespace cib::api
