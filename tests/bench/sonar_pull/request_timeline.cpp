#include "request_timeline.h"

#include <algorithm>
#include <stdexcept>

namespace cib::bench {
namespace {

bool is_task_poll(const LoggedRequest& request) {
  return request.service == "sonar" && request.target.rfind("/api/ce/task", 0) == 0;
}

std::string describe(const LoggedRequest& request) {
  return request.service + " " + request.method + " " + request.target + " at " +
         std::to_string(request.t_ms) + " ms";
}

bool is_report_put(const LoggedRequest& request) {
  return request.method == "PUT" && request.target.find("/reports/") != std::string::npos &&
         request.target.find("/annotations") == std::string::npos;
}

void check_answered(const LoggedRequest& request) {
  const bool absent = request.status == 404 && request.method == "GET";
  if (!absent && (request.status < 200 || request.status > 299)) {
    throw std::runtime_error(describe(request) + " answered " +
                             (request.status == 0 ? std::string("nothing (dropped)")
                                                  : "HTTP " + std::to_string(request.status)));
  }
}

}  // namespace

std::int64_t PullTimeline::min_poll_gap_ms() const {
  if (poll_gaps_ms.empty()) return 0;
  return *std::min_element(poll_gaps_ms.begin(), poll_gaps_ms.end());
}

PullTimeline read_timeline(const std::vector<LoggedRequest>& log) {
  PullTimeline timeline;
  const LoggedRequest* last_poll = nullptr;
  const LoggedRequest* first_host = nullptr;
  const LoggedRequest* report_put = nullptr;
  const LoggedRequest* last_host = nullptr;
  for (const LoggedRequest& request : log) {
    check_answered(request);
    if (request.service == "host") {
      ++timeline.host_requests;
      if (first_host == nullptr) first_host = &request;
      if (report_put == nullptr && is_report_put(request)) report_put = &request;
      last_host = &request;
      continue;
    }
    ++timeline.sonar_requests;
    if (!is_task_poll(request)) continue;
    if (first_host != nullptr) {
      throw std::runtime_error("the host was written to before the task ended: " +
                               describe(*first_host) + ", then " + describe(request));
    }
    if (last_poll != nullptr) timeline.poll_gaps_ms.push_back(request.t_ms - last_poll->t_ms);
    last_poll = &request;
    ++timeline.task_polls;
  }
  if (last_poll == nullptr) throw std::runtime_error("the log holds no api/ce/task poll");
  if (report_put == nullptr) throw std::runtime_error("the log holds no PUT of the report");
  timeline.ended_to_report_put_ms = report_put->t_ms - last_poll->t_ms;
  timeline.ended_to_last_host_ms = last_host->t_ms - last_poll->t_ms;
  return timeline;
}

}  // namespace cib::bench
