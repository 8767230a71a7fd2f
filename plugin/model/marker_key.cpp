#include "model/marker_key.h"

namespace cib {
namespace {

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hex_value(char c) {
  if (c <= '9') return c - '0';
  return (c | 0x20) - 'a' + 10;
}

// Whether the bytes at `i` start an escape ("%" and two hex digits).
bool escape_at(const std::string& text, std::size_t i) {
  return text[i] == '%' && i + 2 < text.size() && is_hex_digit(text[i + 1]) &&
         is_hex_digit(text[i + 2]);
}

// The length of a character at `i` that could break or hide the marker's line: C0 controls and
// DEL, C1 controls (U+0080..U+009F, NEL among them) and U+2028/U+2029; 0 for any other.
std::size_t breaking_length(const std::string& key, std::size_t i) {
  const auto byte = [&key](std::size_t at) {
    return at < key.size() ? static_cast<unsigned char>(key[at]) : 0u;
  };
  if (byte(i) < 0x20 || byte(i) == 0x7f) return 1;
  if (byte(i) == 0xc2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9f) return 2;
  if (byte(i) == 0xe2 && byte(i + 1) == 0x80 && (byte(i + 2) == 0xa8 || byte(i + 2) == 0xa9)) {
    return 3;
  }
  return 0;
}

void append_escape(std::string& out, unsigned char byte) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[byte >> 4];
  out += kHex[byte & 0x0f];
}

}  // namespace

// Line-breaking characters become %XX, and so does a '%' that would read as an escape; every
// other key (all that earlier versions wrote and found again) stays as it is.
std::string encode_marker_key(const std::string& key) {
  std::string out;
  out.reserve(key.size());
  for (std::size_t i = 0; i < key.size();) {
    std::size_t length = breaking_length(key, i);
    if (length == 0 && escape_at(key, i)) length = 1;
    if (length == 0) {
      out += key[i++];
      continue;
    }
    for (std::size_t end = i + length; i < end; ++i) {
      append_escape(out, static_cast<unsigned char>(key[i]));
    }
  }
  return out;
}

std::string decode_marker_key(const std::string& text) {
  std::string key;
  key.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (escape_at(text, i)) {
      key += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      key += text[i];
    }
  }
  return key;
}

}  // namespace cib
