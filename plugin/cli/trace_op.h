// One line of a trace (docs/TRACES.md) as plain values. Enumerated fields keep the trace's own
// words ("INPROGRESS", "CRITICAL"), already checked against the allowed set by the reader.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace cib::trace {

struct StatusOp {
  std::string repo, commit, key, state, name, url, description, ref;
  bool operator==(const StatusOp& o) const {
    return repo == o.repo && commit == o.commit && key == o.key && state == o.state &&
           name == o.name && url == o.url && description == o.description && ref == o.ref;
  }
};

struct CommentOp {
  std::string repo;
  std::int64_t pr = 0;
  std::string key, body;
  bool operator==(const CommentOp& o) const {
    return repo == o.repo && pr == o.pr && key == o.key && body == o.body;
  }
};

struct AnnotationOp {
  std::string id, path;
  std::int32_t line = 0;
  std::string severity, type, summary, details, link;
  bool operator==(const AnnotationOp& o) const {
    return id == o.id && path == o.path && line == o.line && severity == o.severity &&
           type == o.type && summary == o.summary && details == o.details && link == o.link;
  }
  bool operator!=(const AnnotationOp& o) const { return !(*this == o); }
};

struct ReportDataOp {
  std::string title, type, value;
  bool operator==(const ReportDataOp& o) const {
    return title == o.title && type == o.type && value == o.value;
  }
};

struct ReportOp {
  std::string repo, commit, id, title, result, details, link, reporter;
  std::vector<ReportDataOp> data;
  std::vector<AnnotationOp> annotations;

  // Everything but the annotations: what a report PUT carries.
  bool same_report_fields(const ReportOp& o) const {
    return repo == o.repo && commit == o.commit && id == o.id && title == o.title &&
           result == o.result && details == o.details && link == o.link && reporter == o.reporter &&
           data == o.data;
  }
  bool operator==(const ReportOp& o) const {
    return same_report_fields(o) && annotations == o.annotations;
  }
};

// Sonar files are kept as written in the trace; resolve them against the trace's folder.
struct SonarOp {
  std::string repo, commit;
  std::int64_t pr = 0;
  std::string id;  // "": the library's default
  std::vector<std::string> issues;
  std::string gate, measures, sarif;
  // Not in the trace language: the `cibatch sonar` command's --server-url and --dashboard-url.
  std::string server_url, dashboard_url;
};

struct SleepOp {
  std::int64_t ms = 0;
};

struct FlushOp {
  std::int64_t timeout_ms = -1;  // -1: the trace set no limit
};

using Op = std::variant<StatusOp, CommentOp, ReportOp, SonarOp, SleepOp, FlushOp>;

struct TraceLine {
  std::size_t line_no = 0;  // 1-based line in the trace file
  Op op;
};

}  // namespace cib::trace
