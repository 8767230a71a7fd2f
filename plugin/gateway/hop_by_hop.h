// Which headers belong to one connection only (RFC 9110 §7.6.1) and so never cross the gateway:
// the fixed list and the names a Connection header lists.
#pragma once

#include <string>

#include "transport/http_types.h"

namespace cib::gw {

// `headers` without its hop-by-hop fields.
Headers end_to_end(const Headers& headers);

// True for the fixed hop-by-hop names (Connection, Keep-Alive, Proxy-Authorization,
// Proxy-Authenticate, TE, Trailer, Transfer-Encoding, Upgrade), in any case.
bool is_hop_by_hop(const std::string& name);

}  // namespace cib::gw
