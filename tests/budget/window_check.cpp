#include "window_check.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace cib::test {

std::vector<LoggedRequest> logged_requests(const std::vector<Poco::JSON::Object::Ptr>& entries) {
  std::vector<LoggedRequest> log;
  log.reserve(entries.size());
  for (const auto& entry : entries) {
    LoggedRequest r;
    r.seq = entry->optValue<long long>("seq", 0);
    r.t_ms = entry->optValue<long long>("t_ms", 0);
    r.method = entry->optValue<std::string>("method", "");
    r.target = entry->optValue<std::string>("target", "");
    r.token = entry->optValue<std::string>("token", "");
    // A dropped connection logs status null.
    r.status = entry->isNull("status") ? 0 : entry->optValue<int>("status", 0);
    if (entry->has("body") && entry->isObject("body")) r.body = entry->getObject("body");
    if (entry->has("body") && entry->isArray("body"))
      r.body_items = entry->getArray("body")->size();
    log.push_back(std::move(r));
  }
  std::stable_sort(log.begin(), log.end(),
                   [](const LoggedRequest& a, const LoggedRequest& b) { return a.seq < b.seq; });
  return log;
}

WindowPeak busiest_window(std::vector<long long> times_ms, long long window_ms) {
  std::sort(times_ms.begin(), times_ms.end());
  WindowPeak peak;
  std::size_t end = 0;
  // The busiest window can always be slid right until it starts at a request.
  for (std::size_t begin = 0; begin < times_ms.size(); ++begin) {
    end = std::max(end, begin);
    while (end < times_ms.size() && times_ms[end] < times_ms[begin] + window_ms) ++end;
    if (end - begin > peak.count) {
      peak.count = end - begin;
      peak.start_ms = times_ms[begin];
    }
  }
  return peak;
}

WindowPeak busiest_window(const std::vector<LoggedRequest>& log, const std::string& token,
                          long long window_ms) {
  std::vector<long long> times;
  for (const LoggedRequest& r : log) {
    if (token.empty() || r.token == token) times.push_back(r.t_ms);
  }
  return busiest_window(std::move(times), window_ms);
}

std::size_t count_status(const std::vector<LoggedRequest>& log, int status) {
  return static_cast<std::size_t>(std::count_if(
      log.begin(), log.end(), [status](const LoggedRequest& r) { return r.status == status; }));
}

}  // namespace cib::test
