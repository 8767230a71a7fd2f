#include "sonar/text_bounds.h"

#include <Poco/UTF8Encoding.h>

#include <cstring>

#include "sonar/sonar_limits.h"

namespace cib::sonar {
namespace {

// Bytes of the sequence a lead byte starts; 0 for a byte that cannot lead one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

}  // namespace

std::size_t first_invalid_utf8(const std::string& text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = sequence_length(bytes[i]);
    if (length == 0 || length > text.size() - i) return i;
    // isLegal refuses overlong forms, surrogates and code points past U+10FFFF.
    if (length > 1 && !Poco::UTF8Encoding::isLegal(bytes + i, static_cast<int>(length))) return i;
    i += length;
  }
  return std::string::npos;
}

std::string cut_with_note(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  const std::size_t note = std::strlen(kTruncationNote);
  std::size_t keep = max_bytes > note ? max_bytes - note : 0;
  while (keep > 0 && is_continuation(static_cast<unsigned char>(text[keep]))) --keep;
  return text.substr(0, keep) + kTruncationNote;
}

}  // namespace cib::sonar
