// SHA-256, the one digest the library uses: the digests RemoteState keeps of what a host holds,
// the spool's and the budget's identities (hashes that name no secret), the machine hash of
// order keys.
#pragma once

#include <string>

namespace cib {

// SHA-256 of `bytes`, as 64 lower-case hex digits. Throws std::runtime_error when OpenSSL fails.
std::string sha256_hex(const std::string& bytes);

}  // namespace cib
