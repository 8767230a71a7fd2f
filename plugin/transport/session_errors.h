// Turns what Poco and OpenSSL throw into a TransportError whose kind says whether the request
// may have reached the host. Messages name the method, host:port and what happened, never a
// header value.
#pragma once

#include <exception>
#include <string>

#include "transport/http_types.h"

namespace cib {

// Failure while connecting, crossing the proxy or in the TLS handshake: nothing was sent.
// `tls_reason` says why the certificate was refused, when it was.
TransportError connect_failure(const std::string& where, const std::exception& error, bool aborted,
                               const std::string& tls_reason);

// Failure after the request started to go out: it may have been applied.
TransportError exchange_failure(const std::string& where, const std::exception& error, bool aborted,
                                long read_timeout_ms);

// True when the connection was closed or reset before any byte of an answer arrived: what a
// keep-alive connection that the server closed while idle looks like.
bool is_dropped_connection(const std::exception& error);

}  // namespace cib
