// The log of API requests (JSON Lines, one object per request) and the counters derived from
// it. Never holds a secret: tokens are logged as a prefix of their SHA-256.
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace cib::sim {

struct LogEntry {
  long seq = 0;
  long long t_ms = 0;
  std::string method;
  std::string target;      // raw request target
  std::string token_hash;  // empty when the request carried no credential
  int status = 0;          // 0 when no answer was sent (dropped connection)
  bool valid = true;
  bool rate_limited = false;
  bool sonar = false;       // a SonarQube request (under /api/) rather than one to the host
  std::string fault;        // empty when none was injected
  Poco::Dynamic::Var body;  // parsed JSON, or empty
};

class RequestLog {
 public:
  // `file_path` may be empty: then the log is only served over HTTP.
  explicit RequestLog(const std::string& file_path);

  // Numbers API requests from 1 since start or the last reset.
  long next_seq();

  // The number given to the latest request (0 when none since the last reset).
  long last_seq() const;

  void record(const LogEntry& entry);

  std::string jsonl() const;

  // {"requests":N,"by_status":{"201":N,...},"rate_limited":N,"invalid":N,"dropped":N} for the
  // host's API, and the same counters of the SonarQube requests under "sonar".
  Poco::JSON::Object::Ptr stats() const;

  // Forgets every entry and counter, and truncates the file.
  void reset();

  void flush();

 private:
  std::string file_path_;
  mutable std::mutex mutex_;
  std::ofstream file_;
  struct Counters {
    long requests = 0;
    long rate_limited = 0;
    long invalid = 0;
    long dropped = 0;
    std::map<int, long> by_status;

    Poco::JSON::Object::Ptr render() const;
  };

  std::vector<std::string> lines_;
  long last_seq_ = 0;
  Counters host_;   // requests to the host's API
  Counters sonar_;  // requests to the SonarQube endpoints
};

}  // namespace cib::sim
