// Helpers for the configuration tests: a temporary directory, a scoped environment variable and
// a way to catch a ConfigError and look at its message.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>

#include "config/config_store.h"

namespace cib::test {

// A directory of its own under the system's temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cib-config-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes name with text and returns its full path.
  std::string write(const std::string& name, const std::string& text) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream(file, std::ios::binary) << text;
    return file.string();
  }
  std::string path(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Sets (or unsets, with nullopt) an environment variable until the end of the scope.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::optional<std::string>& value) : name_(std::move(name)) {
    if (const char* old = std::getenv(name_.c_str())) old_ = old;
    apply(value);
  }
  ~ScopedEnv() { apply(old_); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  void apply(const std::optional<std::string>& value) {
    if (value) {
      setenv(name_.c_str(), value->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  std::string name_;
  std::optional<std::string> old_;
};

// The message of the ConfigError that action throws; fails the test when it throws none or
// one of another code.
inline std::string config_error(const std::function<void()>& action, ConfigError::Code code) {
  try {
    action();
  } catch (const ConfigError& e) {
    BOOST_TEST((e.code() == code), "wrong ConfigError code for: " << e.what());
    return e.what();
  }
  BOOST_ERROR("expected a ConfigError, none was thrown");
  return {};
}

// An administrator's file in a temp dir that CIBATCH_ADMIN_CONFIG names for the test's length.
struct AdminFile {
  explicit AdminFile(const std::string& text)
      : path(dir.write("cibatch.yml", text)), env("CIBATCH_ADMIN_CONFIG", path) {}
  TempDir dir;
  std::string path;
  ScopedEnv env;
};

// A store holding the host's keys, without a credential.
inline ConfigStore bitbucket_store() {
  ConfigStore store;
  store.set("host.kind", "bitbucket-cloud");
  store.set("host.api_url", "https://api.bitbucket.org/2.0");
  return store;
}

// A store holding the keys every settings() call needs.
inline ConfigStore minimal_store() {
  ConfigStore store = bitbucket_store();
  store.set("host.auth.token", "literal-token-value");
  return store;
}

}  // namespace cib::test
