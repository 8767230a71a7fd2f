// A test's handle on the library through its C ABI: opens a client from YAML text, collects
// delivery reports and log lines, and turns failures into test failures.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "cibatch.h"

namespace cib::test {

struct Delivery {
  std::uint64_t tag;
  int kind;
  std::string repo, commit, key;
  std::int64_t pr;
  int outcome;
  int http_status;
  std::string message;
};

class AbiSession {
 public:
  // `yaml` is the text of a cibatch: mapping. Throws std::runtime_error with the library's
  // message when the client cannot be opened.
  explicit AbiSession(const std::string& yaml);
  ~AbiSession();
  AbiSession(const AbiSession&) = delete;
  AbiSession& operator=(const AbiSession&) = delete;

  cib_client* client() { return client_; }

  void status(const std::string& repo, const std::string& commit, const std::string& key,
              cib_state state, std::uint64_t tag = 1, const std::string& description = "");
  void comment(const std::string& repo, std::int64_t pr, const std::string& key,
               const std::string& body, std::uint64_t tag = 1);

  // Flushes `tag` and serves the reports; returns the status and the count left.
  cib_status flush(std::uint64_t tag, std::int32_t timeout_ms, std::size_t* left = nullptr);
  void poll();
  std::string stats();

  std::vector<Delivery> deliveries();
  std::vector<std::string> log_lines();
  // Closes the client now (destroy); later calls are not allowed.
  void close();

 private:
  static void on_delivery(void* opaque, const cib_delivery* d);
  static void on_log(void* opaque, int32_t level, const char* line);

  cib_client* client_ = nullptr;
  std::mutex mutex_;
  std::vector<Delivery> deliveries_;
  std::vector<std::string> log_lines_;
};

// The value of a numeric field of a flat JSON object ("requests" in stats), or -1.
long long json_number(const std::string& json, const std::string& field);

}  // namespace cib::test
