// A test's client of the library, held through cibatch.hpp: opened from YAML text, it records
// the delivery reports and log lines the library gives it.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cibatch.hpp"

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

class RecordingClient {
 public:
  // `yaml` is the text of a cibatch: mapping. Throws cibatch::Error with the library's message
  // when the client cannot be opened.
  explicit RecordingClient(const std::string& yaml);
  RecordingClient(const RecordingClient&) = delete;
  RecordingClient& operator=(const RecordingClient&) = delete;

  cib_client* client() { return client_.get(); }

  // Posts through the wrapper: cibatch::Error when the library refuses.
  void status(const std::string& repo, const std::string& commit, const std::string& key,
              cib_state state, std::uint64_t tag = 1, const std::string& description = "");
  void comment(const std::string& repo, std::int64_t pr, const std::string& key,
               const std::string& body, std::uint64_t tag = 1);
  // Posts report `id` (title "SAST", result FAILED) with one annotation per (id, summary), on
  // src/main.c lines 1, 2, …; REQUIREs CIB_OK.
  void report(const std::string& repo, const std::string& commit, const std::string& id,
              const std::vector<std::pair<std::string, std::string>>& annotations,
              std::uint64_t tag = 1);

  // Flushes `tag` and serves the reports; returns the status and the count left.
  cib_status flush(std::uint64_t tag, std::int32_t timeout_ms, std::size_t* left = nullptr);
  void poll();
  std::string stats() { return client_.stats_json(); }
  std::string budget() { return client_.budget_json(); }

  std::vector<Delivery> deliveries();
  std::vector<std::string> log_lines();
  // Closes the client now (destroy); later calls are not allowed.
  void close() { client_.reset(); }

 private:
  std::mutex mutex_;
  std::vector<Delivery> deliveries_;
  std::vector<std::string> log_lines_;
  cibatch::Client client_;  // last, so it is destroyed first: its callbacks write above
};

// The value of a numeric field of a flat JSON object ("requests" in stats), or -1.
long long json_number(const std::string& json, const std::string& field);

}  // namespace cib::test
