// Stable content digests: what RemoteState remembers about the parts a host holds, so a later
// delivery can tell which parts changed without keeping the parts themselves.
#pragma once

#include <string>

namespace cib {

// SHA-256 of `bytes`, as 64 lower-case hex digits.
std::string sha256_hex(const std::string& bytes);

}  // namespace cib
