#include "test_certificates.h"

#include <fstream>
#include <stdexcept>
#include <vector>

#include "child_process.h"

namespace cib::test {
namespace {

// Our own configuration, so the result does not depend on the system's openssl.cnf.
constexpr const char* kOpensslConfig = R"(
[req]
distinguished_name = dn
prompt = no
[dn]
CN = cibatch test
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
authorityKeyIdentifier = keyid
[other_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.example
authorityKeyIdentifier = keyid
[self_ext]
basicConstraints = CA:FALSE
subjectAltName = IP:127.0.0.1
)";

void openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv{"openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string output;
  if (run_command(argv, output) != 0) {
    throw std::runtime_error("openssl " + args.front() + " failed: " + output);
  }
}

void make_signed(const std::string& dir, const std::string& config, const std::string& name,
                 const std::string& subject, const std::string& extensions,
                 const std::string& serial, const TestCertificates& ca) {
  const std::string key = dir + "/" + name + ".key";
  const std::string csr = dir + "/" + name + ".csr";
  openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-keyout", key, "-out", csr, "-subj", subject, "-config", config});
  openssl({"x509", "-req", "-in", csr, "-CA", ca.ca_cert, "-CAkey", dir + "/ca.key", "-set_serial",
           serial, "-days", "2", "-sha256", "-extfile", config, "-extensions", extensions, "-out",
           dir + "/" + name + ".crt"});
}

// A certificate signed by its own key: the CA, or one no CA vouches for.
void make_self_signed(const std::string& dir, const std::string& config, const std::string& name,
                      const std::string& subject, const std::string& extensions) {
  openssl({"req",
           "-x509",
           "-newkey",
           "ec",
           "-pkeyopt",
           "ec_paramgen_curve:prime256v1",
           "-nodes",
           "-keyout",
           dir + "/" + name + ".key",
           "-out",
           dir + "/" + name + ".crt",
           "-days",
           "2",
           "-sha256",
           "-subj",
           subject,
           "-config",
           config,
           "-extensions",
           extensions});
}

}  // namespace

TestCertificates make_test_certificates(const std::string& dir) {
  const std::string config = dir + "/openssl.cnf";
  {
    std::ofstream out(config);
    out << kOpensslConfig;
    if (!out) throw std::runtime_error(config + ": cannot write");
  }
  TestCertificates certs;
  certs.ca_cert = dir + "/ca.crt";
  make_self_signed(dir, config, "ca", "/CN=cibatch test CA", "ca_ext");
  make_self_signed(dir, config, "self", "/CN=127.0.0.1", "self_ext");
  make_signed(dir, config, "server", "/CN=127.0.0.1", "server_ext", "2", certs);
  make_signed(dir, config, "other", "/CN=other.example", "other_ext", "3", certs);
  certs.server_cert = dir + "/server.crt";
  certs.server_key = dir + "/server.key";
  certs.other_cert = dir + "/other.crt";
  certs.other_key = dir + "/other.key";
  certs.self_cert = dir + "/self.crt";
  certs.self_key = dir + "/self.key";
  return certs;
}

}  // namespace cib::test
