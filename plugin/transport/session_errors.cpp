#include "transport/session_errors.h"

#include <cerrno>

#include "Poco/Exception.h"
#include "Poco/Net/NetException.h"
#include "Poco/Net/SSLException.h"

namespace cib {
namespace {

std::string describe(const std::exception& error) {
  if (const auto* poco = dynamic_cast<const Poco::Exception*>(&error)) return poco->displayText();
  return error.what();
}

bool is_tls_failure(const std::exception& error) {
  // A server that closes during the handshake is busy or restarting, not misconfigured.
  if (dynamic_cast<const Poco::Net::SSLConnectionUnexpectedlyClosedException*>(&error)) {
    return false;
  }
  return dynamic_cast<const Poco::Net::SSLException*>(&error) != nullptr;
}

}  // namespace

TransportError connect_failure(const std::string& where, const std::exception& error, bool aborted,
                               const std::string& tls_reason) {
  using Kind = TransportError::Kind;
  if (aborted) {
    return TransportError(Kind::connect, where + ": not sent: the client was aborted");
  }
  if (!tls_reason.empty()) {
    return TransportError(Kind::tls, where +
                                         ": the host's TLS certificate was refused: " + tls_reason +
                                         " (set tls.ca_file to the CA that issued it, and make "
                                         "sure it names the host of the API URL)");
  }
  if (is_tls_failure(error)) {
    return TransportError(Kind::tls, where + ": TLS handshake failed: " + describe(error));
  }
  if (dynamic_cast<const Poco::TimeoutException*>(&error)) {
    return TransportError(Kind::connect,
                          where + ": cannot connect: timed out (" + describe(error) + ")");
  }
  return TransportError(Kind::connect, where + ": cannot connect: " + describe(error));
}

TransportError exchange_failure(const std::string& where, const std::exception& error, bool aborted,
                                long read_timeout_ms) {
  using Kind = TransportError::Kind;
  if (aborted) {
    return TransportError(Kind::ambiguous,
                          where + ": the client was aborted while the request was in flight");
  }
  if (dynamic_cast<const Poco::TimeoutException*>(&error)) {
    return TransportError(Kind::timeout, where + ": no answer within " +
                                             std::to_string(read_timeout_ms) +
                                             " ms after sending the request");
  }
  if (dynamic_cast<const Poco::Net::NoMessageException*>(&error)) {
    return TransportError(Kind::ambiguous,
                          where +
                              ": the connection was closed after the request was sent, "
                              "before any answer");
  }
  return TransportError(
      Kind::ambiguous,
      where + ": the connection failed after the request was sent: " + describe(error));
}

bool is_dropped_connection(const std::exception& error) {
  if (dynamic_cast<const Poco::Net::NoMessageException*>(&error) ||
      dynamic_cast<const Poco::Net::ConnectionResetException*>(&error) ||
      dynamic_cast<const Poco::Net::ConnectionAbortedException*>(&error) ||
      dynamic_cast<const Poco::Net::SSLConnectionUnexpectedlyClosedException*>(&error)) {
    return true;
  }
  const auto* poco = dynamic_cast<const Poco::Exception*>(&error);
  return poco != nullptr && (poco->code() == EPIPE || poco->code() == ECONNRESET);
}

}  // namespace cib
