// What the host saw, read back from the simulator's request log: the busiest stretch of a
// rolling window and how many answers were 429. Pure functions over plain values, so they are
// unit-tested on crafted logs.
#pragma once

#include <Poco/JSON/Object.h>

#include <cstddef>
#include <string>
#include <vector>

namespace cib::test {

// One API request as the simulator logged it.
struct LoggedRequest {
  long long seq = 0;
  long long t_ms = 0;  // arrival, ms since the simulator started
  std::string method;
  std::string target;
  std::string token;             // the identity's hash, never the secret
  int status = 0;                // 0: the connection was dropped unanswered
  Poco::JSON::Object::Ptr body;  // null unless the body was a JSON object
  std::size_t body_items = 0;    // the length of a body that was a JSON array
};

// The log of /_sim/requests as plain values, ordered by arrival (seq).
std::vector<LoggedRequest> logged_requests(const std::vector<Poco::JSON::Object::Ptr>& entries);

struct WindowPeak {
  std::size_t count = 0;   // the most requests inside one window
  long long start_ms = 0;  // where the first window holding that many begins
};

// The most requests whose times fall in one half-open window [t, t + window_ms), over every t:
// the sliding-log count the host applies. Times need not be sorted.
WindowPeak busiest_window(std::vector<long long> times_ms, long long window_ms);

// busiest_window over the requests of one identity (every request when token is empty).
WindowPeak busiest_window(const std::vector<LoggedRequest>& log, const std::string& token,
                          long long window_ms);

// How many requests were answered with this status.
std::size_t count_status(const std::vector<LoggedRequest>& log, int status);

}  // namespace cib::test
