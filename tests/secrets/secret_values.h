// The recognisable secrets the secrets suite runs every scenario with, every form they may take
// in text (the value, its base64, base64 of user:password, the Authorization header), and the
// checks that none of them occurs in a text, a file or a process's memory. A check that fails
// names the place and the secret, never prints the text (which would print the secret).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cib::test {

struct Secrets {
  std::string token;           // host.auth.token (bearer)
  std::string user;            // host.auth.user (not secret)
  std::string password;        // host.auth.password (basic)
  std::string private_key;     // a GitHub App private key (PEM), as a token file holds it
  std::string key_line;        // one base64 line of that key: sonar.token
  std::string redis_password;  // in budget.shared, and redis-server's requirepass
};

const Secrets& secrets();

// (name, bytes) of every form that must never appear anywhere.
const std::vector<std::pair<std::string, std::string>>& secret_forms();

// Each secret form found in `text`, by name; empty when clean.
std::vector<std::string> secrets_in(const std::string& text);

// Asserts (BOOST_TEST) that no secret form occurs in `text`; `place` names where it came from.
void check_clean(const std::string& place, const std::string& text);

// The bytes of a file, "" when it does not exist.
std::string file_bytes(const std::string& path);

// check_clean on a SQLite file and its -wal, -shm and -journal files, read as bytes; requires
// that the main file exists.
void check_database_clean(const std::string& path);

}  // namespace cib::test
