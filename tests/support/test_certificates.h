// Certificates made at run time with the openssl command-line tool: a CA, a server
// certificate for 127.0.0.1 / localhost, and one for another name, both signed by the CA, and a
// self-signed one for 127.0.0.1.
#pragma once

#include <string>

namespace cib::test {

struct TestCertificates {
  std::string ca_cert;      // PEM; trust this to verify the two below
  std::string server_cert;  // subjectAltName IP:127.0.0.1, DNS:localhost
  std::string server_key;
  std::string other_cert;  // subjectAltName DNS:other.example (a name mismatch for 127.0.0.1)
  std::string other_key;
  std::string self_cert;  // self-signed, subjectAltName IP:127.0.0.1 (no CA vouches for it)
  std::string self_key;
};

// Writes the files into `dir`; throws std::runtime_error with openssl's output on failure.
TestCertificates make_test_certificates(const std::string& dir);

}  // namespace cib::test
