// UTF-8 checks and cuts of the texts the readers take in.
#pragma once

#include <cstddef>
#include <string>

namespace cib::sonar {

// The offset of the first byte that does not start a well-formed UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(const std::string& text);

// `text` cut to at most `max_bytes` bytes at a character boundary, the note included, ending in
// kTruncationNote when it was cut (the note alone when `max_bytes` cannot hold more).
std::string cut_with_note(const std::string& text, std::size_t max_bytes);

}  // namespace cib::sonar
