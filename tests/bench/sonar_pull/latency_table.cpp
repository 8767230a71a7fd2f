#include "latency_table.h"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <functional>
#include <iomanip>

namespace cib::bench {
namespace {

using Figure = std::function<std::int64_t(const RunMeasure&)>;

std::int64_t poll_gap(const RunMeasure& run) {
  return run.timeline.min_poll_gap_ms();
}
std::int64_t report_put(const RunMeasure& run) {
  return run.timeline.ended_to_report_put_ms;
}
std::int64_t last_host(const RunMeasure& run) {
  return run.timeline.ended_to_last_host_ms;
}
std::int64_t post_us(const RunMeasure& run) {
  return run.post_us;
}
std::int64_t settled(const RunMeasure& run) {
  return run.settled_ms;
}
std::int64_t polls(const RunMeasure& run) {
  return static_cast<std::int64_t>(run.timeline.task_polls);
}
std::int64_t sonar_requests(const RunMeasure& run) {
  return static_cast<std::int64_t>(run.timeline.sonar_requests);
}
std::int64_t host_requests(const RunMeasure& run) {
  return static_cast<std::int64_t>(run.timeline.host_requests);
}

Spread spread(const CaseResult& result, const Figure& figure) {
  std::vector<std::int64_t> values;
  for (const RunMeasure& run : result.runs) values.push_back(figure(run));
  return spread_of(std::move(values));
}

std::string median_max(const Spread& s) {
  return std::to_string(s.median) + "/" + std::to_string(s.max);
}

Poco::JSON::Object spread_json(const Spread& s) {
  Poco::JSON::Object object;
  object.set("median", s.median);
  object.set("max", s.max);
  return object;
}

// The smallest gap between two polls of any run.
std::int64_t min_poll_gap(const CaseResult& result) {
  std::int64_t least = 0;
  for (std::size_t i = 0; i < result.runs.size(); ++i) {
    const std::int64_t gap = poll_gap(result.runs[i]);
    least = i == 0 ? gap : std::min(least, gap);
  }
  return least;
}

void print_row(std::ostream& out, const CaseResult& result) {
  out << std::left << std::setw(10) << result.pull_case.findings << std::setw(8)
      << wait_mode_name(result.mode) << std::right << std::setw(6) << result.runs.size();
  if (!result.runs.empty()) {
    out << std::setw(7) << spread(result, polls).max << std::setw(12) << min_poll_gap(result)
        << std::setw(7) << spread(result, sonar_requests).max << std::setw(6)
        << spread(result, host_requests).max << std::setw(16)
        << median_max(spread(result, report_put)) << std::setw(14)
        << median_max(spread(result, last_host)) << std::setw(14)
        << median_max(spread(result, post_us)) << std::setw(16)
        << median_max(spread(result, settled));
  }
  if (!result.error.empty()) out << "  error: " << result.error;
  out << "\n";
}

}  // namespace

Spread spread_of(std::vector<std::int64_t> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  return {values[(values.size() - 1) / 2], values.back()};
}

void print_table(std::ostream& out, const std::vector<CaseResult>& results) {
  out << "pull mode: from the api/ce/task poll that answered SUCCESS to the report's PUT (the "
         "gate on the pull request) and to the host's last request (the annotations); median/max "
         "over the runs\n";
  out << std::left << std::setw(10) << "findings" << std::setw(8) << "wait" << std::right
      << std::setw(6) << "runs" << std::setw(7) << "polls" << std::setw(12) << "min gap ms"
      << std::setw(7) << "sonar" << std::setw(6) << "host" << std::setw(16) << "end->PUT ms"
      << std::setw(14) << "end->last ms" << std::setw(14) << "post us" << std::setw(16)
      << "post->done ms"
      << "\n";
  for (const CaseResult& result : results) print_row(out, result);
}

void print_json(std::ostream& out, const std::vector<CaseResult>& results) {
  Poco::JSON::Array cases;
  for (const CaseResult& result : results) {
    Poco::JSON::Object object;
    object.set("findings", result.pull_case.findings);
    object.set("pending_polls", result.pull_case.pending_polls);
    object.set("in_progress_polls", result.pull_case.in_progress_polls);
    object.set("wait", std::string(wait_mode_name(result.mode)));
    object.set("runs", result.runs.size());
    object.set("task_polls", spread_json(spread(result, polls)));
    object.set("min_poll_gap_ms", spread_json(spread(result, poll_gap)));
    object.set("sonar_requests", spread_json(spread(result, sonar_requests)));
    object.set("host_requests", spread_json(spread(result, host_requests)));
    object.set("ended_to_report_put_ms", spread_json(spread(result, report_put)));
    object.set("ended_to_last_host_ms", spread_json(spread(result, last_host)));
    object.set("post_us", spread_json(spread(result, post_us)));
    object.set("post_to_settled_ms", spread_json(spread(result, settled)));
    if (!result.error.empty()) object.set("error", result.error);
    cases.add(object);
  }
  cases.stringify(out);
  out << "\n";
}

}  // namespace cib::bench
