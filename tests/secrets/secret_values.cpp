#include "secret_values.h"

#include <Poco/Base64Encoder.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iterator>
#include <sstream>

namespace cib::test {
namespace {

std::string base64(const std::string& text) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << text;
  encoder.close();
  return out.str();
}

constexpr const char* kKeyLine = "MIIEowIBAAKCAQEAcibkeyU4nB8vC1xZ6mQ0pL3kJ7hG2fD5sA9wE";
constexpr const char* kKeySecondLine = "cibkeyT2yR6uI0oP4aS8dF1gH5jK9lZ3xC7vB";

Secrets make_secrets() {
  return Secrets{"cibtok-Q7vX2mK9pL4wR8zN3bT6",
                 "ci-robot",
                 "cibpw-H5jD1fG8sA0qW3eR7tY2",
                 std::string("-----BEGIN RSA PRIVATE KEY-----\n") + kKeyLine + "\n" +
                     kKeySecondLine + "\n-----END RSA PRIVATE KEY-----\n",
                 kKeyLine,
                 "cibredis-N4mB8vC2xZ6lK0jH"};
}

}  // namespace

const Secrets& secrets() {
  static const Secrets s = make_secrets();
  return s;
}

const std::vector<std::pair<std::string, std::string>>& secret_forms() {
  static const std::vector<std::pair<std::string, std::string>> forms = [] {
    const Secrets& s = secrets();
    return std::vector<std::pair<std::string, std::string>>{
        {"token", s.token},
        {"base64(token)", base64(s.token)},
        {"password", s.password},
        {"base64(password)", base64(s.password)},
        {"base64(user:password)", base64(s.user + ":" + s.password)},
        {"private key", s.key_line},
        {"private key's second line", kKeySecondLine},
        {"base64(private key)", base64(s.key_line)},
        {"redis password", s.redis_password},
        {"base64(redis password)", base64(s.redis_password)},
    };
  }();
  return forms;
}

std::vector<std::string> secrets_in(const std::string& text) {
  std::vector<std::string> found;
  for (const auto& [name, bytes] : secret_forms()) {
    if (text.find(bytes) != std::string::npos) found.push_back(name);
  }
  return found;
}

void check_clean(const std::string& place, const std::string& text) {
  for (const std::string& name : secrets_in(text)) {
    BOOST_ERROR(place << " holds the " << name);
  }
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void check_database_clean(const std::string& path) {
  BOOST_TEST_REQUIRE(!file_bytes(path).empty(), path << " exists");
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    check_clean(path + suffix, file_bytes(path + suffix));
  }
}

}  // namespace cib::test
