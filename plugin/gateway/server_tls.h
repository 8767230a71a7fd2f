// The front's TLS context, from a certificate file and a key file (PEM).
#pragma once

#include <Poco/Net/Context.h>

#include <string>

namespace cib::gw {

// A server context with the certificate (and any chain after it) and its key. Never asks for a
// passphrase: a key protected by one is refused. Throws std::runtime_error naming the file that
// cannot be read or loaded, or both files when the key does not match the certificate.
Poco::Net::Context::Ptr make_server_context(const std::string& cert_file,
                                            const std::string& key_file);

}  // namespace cib::gw
