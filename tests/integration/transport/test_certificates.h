// Certificates made at run time with the `openssl` command in a private temporary folder that is
// removed again when the object goes (also when a test fails).
#pragma once

#include <string>

#include "test_server.h"

namespace cib::test {

class TestCertificates {
 public:
  // Creates a CA, a server certificate for IP:127.0.0.1 and one for DNS:other.example, both
  // issued by the CA, and a self-signed certificate for IP:127.0.0.1. Throws std::runtime_error
  // with openssl's output when a command fails.
  TestCertificates();
  ~TestCertificates();
  TestCertificates(const TestCertificates&) = delete;
  TestCertificates& operator=(const TestCertificates&) = delete;

  std::string ca_file() const { return dir_ + "/ca.pem"; }
  ServerCertificate loopback() const { return {dir_ + "/ip.pem", dir_ + "/ip.key"}; }
  ServerCertificate other_name() const { return {dir_ + "/other.pem", dir_ + "/other.key"}; }
  ServerCertificate self_signed() const { return {dir_ + "/self.pem", dir_ + "/self.key"}; }
  std::string dir() const { return dir_; }

 private:
  void run(const std::string& arguments) const;
  void issue(const std::string& name, const std::string& subject, const std::string& alt_name);

  std::string dir_;
};

}  // namespace cib::test
