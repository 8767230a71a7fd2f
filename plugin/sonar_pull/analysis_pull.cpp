#include "sonar_pull/analysis_pull.h"

#include <algorithm>
#include <memory>

#include "sonar/json_tree.h"
#include "sonar/measures_reader.h"
#include "sonar/sonar_limits.h"

namespace cib::sonar {
namespace {

// Reading the answers after the task ended: a request that got no answer or a 5xx is tried
// again this many times, 1 s, 2 s, 4 s apart.
constexpr int kFetchTries = 4;

[[noreturn]] void stopped() {
  throw PullStopped("the client closed before the analysis was read");
}

std::string seconds_text(Duration d) {
  return std::to_string((d.count() + 999) / 1000) + " s";
}

// Polls until the task ends. SUCCESS returns it; FAILED, CANCELED and the deadline throw.
CeTask wait_for_task(SonarServer& server, const ReportTask& report, TimePoint deadline,
                     PullWaiter& waiter, PulledAnalysis& pulled) {
  const TimePoint start = waiter.now();
  std::string last_status = "unknown";
  std::string last_error;
  for (int poll = 0;; ++poll) {
    const Duration delay = task_poll_delay(poll);
    if (waiter.now() + delay > deadline) break;
    if (!waiter.wait(delay)) stopped();
    CeTask task;
    try {
      task = server.task(report.ce_task_id);
    } catch (const SonarServerError& e) {
      if (!e.retry()) throw PullFailed(e.what(), e.http_status());
      last_error = e.what();  // the server may be restarting: keep polling until the deadline
      continue;
    }
    ++pulled.task_polls;
    last_status = task.status;
    if (task.status == "SUCCESS") {
      pulled.task_seen_ended = waiter.now();
      return task;
    }
    if (task.status == "FAILED" || task.status == "CANCELED") {
      throw PullFailed("SonarQube task " + report.ce_task_id + " ended " + task.status +
                           (task.error_message.empty() ? "" : ": " + task.error_message),
                       0);
    }
  }
  throw PullFailed("SonarQube task " + report.ce_task_id + " did not end within " +
                       seconds_text(std::chrono::duration_cast<Duration>(deadline - start)) +
                       " (sonar.wait_timeout_ms); last seen " + last_status +
                       (last_error.empty() ? "" : "; last error: " + last_error),
                   0);
}

// One read, tried again when the server may answer later.
template <typename Read>
std::string fetch(PullWaiter& waiter, Read&& read) {
  for (int attempt = 0;; ++attempt) {
    try {
      return read();
    } catch (const SonarServerError& e) {
      if (!e.retry() || attempt + 1 == kFetchTries) throw PullFailed(e.what(), e.http_status());
    }
    if (!waiter.wait(Duration(1000 << attempt))) stopped();
  }
}

const JsonNode* member_of(const JsonNode* object, const char* name) {
  return object != nullptr && object->kind == JsonNode::Kind::object ? object->member(name)
                                                                     : nullptr;
}

// The search's count of matches: `paging.total`, or `total` on older servers; 0 for a page the
// issues reader will refuse (it names what is wrong).
std::size_t search_total(const std::string& page) {
  std::shared_ptr<const JsonNode> answer;
  try {
    answer = parse_json_tree(page, kMaxJsonDepth);
  } catch (const std::exception&) {
    return 0;
  }
  const JsonNode* total = member_of(member_of(answer.get(), "paging"), "total");
  if (total == nullptr) total = member_of(answer.get(), "total");
  if (total == nullptr || total->kind != JsonNode::Kind::integer || total->integer < 0) return 0;
  return static_cast<std::size_t>(total->integer);
}

void fetch_issue_pages(SonarServer& server, const ReportTask& report, const SonarScope& scope,
                       PullWaiter& waiter, PulledAnalysis& pulled) {
  const std::size_t window_pages = kMaxSearchResults / kIssuePageSize;
  std::size_t pages = 1;
  for (std::size_t page = 1; page <= pages; ++page) {
    pulled.answers.issue_pages.push_back(fetch(waiter, [&] {
      return server.issue_page(report.project_key, scope, static_cast<int>(page), kIssuePageSize);
    }));
    if (page == 1) {
      pulled.issues_total = search_total(pulled.answers.issue_pages.front());
      const std::size_t wanted = (pulled.issues_total + kIssuePageSize - 1) / kIssuePageSize;
      pages = std::clamp<std::size_t>(wanted, 1, window_pages);
    }
  }
  if (pulled.issues_total > kMaxSearchResults) {
    pulled.issues_left_out = pulled.issues_total - kMaxSearchResults;
  }
}

}  // namespace

Duration task_poll_delay(int poll) {
  static constexpr int kSeconds[] = {0, 1, 1, 2, 3};
  return Duration(1000 * (poll < 5 ? kSeconds[poll] : 5));
}

PulledAnalysis pull_analysis(SonarServer& server, const ReportTask& report,
                             const std::string& server_url, TimePoint deadline,
                             PullWaiter& waiter) {
  PulledAnalysis pulled;
  const CeTask task = wait_for_task(server, report, deadline, waiter, pulled);
  if (!task.analysis_id.empty()) {
    pulled.answers.gate = fetch(waiter, [&] { return server.gate(task.analysis_id); });
  }
  pulled.answers.measures = fetch(
      waiter, [&] { return server.measures(report.project_key, task.scope, shown_metric_keys()); });
  fetch_issue_pages(server, report, task.scope, waiter, pulled);
  pulled.answers.server_url = server_url;
  pulled.answers.dashboard_url = report.dashboard_url;
  return pulled;
}

std::string left_out_note(const PulledAnalysis& pulled) {
  if (pulled.issues_left_out == 0) return "";
  return "SonarQube lists at most " + std::to_string(kMaxSearchResults) +
         " issues of one search: " + std::to_string(pulled.issues_left_out) + " of the " +
         std::to_string(pulled.issues_total) + " open issues are not shown.";
}

}  // namespace cib::sonar
