// The answers the gateway makes itself (errors, 429s, pages) and the headers it keeps or drops
// between a tool and the host.
#pragma once

#include <cstdint>
#include <string>

#include "gateway/gateway_types.h"

namespace cib::gw {

// {"type":"error","error":{"message":"cibatch gateway: MESSAGE"}} with X-Cibatch-Gateway.
GatewayAnswer error_answer(int status, const std::string& message, Outcome outcome);
// A 429 of the gateway's own: Retry-After in whole seconds, rounded up, at least 1.
GatewayAnswer too_many(const std::string& message, std::int64_t wait_ms, Outcome outcome);

// The tool's headers as they may go to the host: without its credential, Host, cookies,
// length and type (the transport sets them), encodings the gateway could not rewrite, and the
// conditional headers of a read the gateway caches (it asks the host itself).
Headers upstream_headers(const Headers& tool_headers, bool cached_read);
// The host's headers as they may go to the tool: without hop-by-hop ones, cookies and the
// length (the server sets it).
Headers tool_headers(const Headers& host_headers);

// The first value of a header (case-insensitive), "" when absent.
std::string header_value(const Headers& headers, const std::string& name);
void set_header(Headers& headers, const std::string& name, const std::string& value);

}  // namespace cib::gw
