#include "test_certificates.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace cib::test {
namespace {

constexpr const char* kKeyOptions = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";

std::string make_temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "cib-tls-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return buffer.data();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TestCertificates::TestCertificates() : dir_(make_temp_dir()) {
  try {
    // Our own configuration, so the result does not depend on the system's openssl.cnf.
    write_file(dir_ + "/test.cnf",
               "[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = unused\n"
               "[ca_ext]\nbasicConstraints = critical,CA:TRUE\n"
               "keyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n"
               "[self_ext]\nbasicConstraints = CA:FALSE\nsubjectAltName = IP:127.0.0.1\n");
    run(std::string("req -config test.cnf -x509 ") + kKeyOptions +
        " -keyout ca.key -out ca.pem -days 2 -subj '/CN=cibatch test CA' -extensions ca_ext");
    issue("ip", "/CN=127.0.0.1", "IP:127.0.0.1");
    issue("other", "/CN=other.example", "DNS:other.example");
    run(std::string("req -config test.cnf -x509 ") + kKeyOptions +
        " -keyout self.key -out self.pem -days 2 -subj /CN=127.0.0.1 -extensions self_ext");
  } catch (...) {
    std::filesystem::remove_all(dir_);
    throw;
  }
}

TestCertificates::~TestCertificates() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void TestCertificates::issue(const std::string& name, const std::string& subject,
                             const std::string& alt_name) {
  write_file(dir_ + "/" + name + ".ext", "basicConstraints=CA:FALSE\nsubjectAltName=" + alt_name +
                                             "\nextendedKeyUsage=serverAuth\n");
  run(std::string("req -config test.cnf -new ") + kKeyOptions + " -keyout " + name + ".key -out " +
      name + ".csr -subj '" + subject + "'");
  run("x509 -req -in " + name + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out " +
      name + ".pem -extfile " + name + ".ext");
}

void TestCertificates::run(const std::string& arguments) const {
  const std::string log = dir_ + "/openssl.log";
  const std::string command = "cd '" + dir_ + "' && openssl " + arguments + " >'" + log + "' 2>&1";
  const int status = std::system(command.c_str());
  if (status != 0) {
    throw std::runtime_error("openssl " + arguments + " failed (status " + std::to_string(status) +
                             "): " + read_file(log));
  }
}

}  // namespace cib::test
