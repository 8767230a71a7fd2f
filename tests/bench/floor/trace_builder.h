// Hand-made traces for the floor model's tests: ops added one by one, so each test reads as
// the workload it models.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "trace_floor.h"

namespace cib::bench::test {

namespace trace = cib::trace;

inline const char* const kCommit = "0123456789abcdef0123456789abcdef01234567";

// A process whose spool knows the host: the floor of the content changes alone.
inline FloorSettings warm() {
  FloorSettings settings;
  settings.cold_start = false;
  return settings;
}

// Builds a trace from ops directly, so each test reads as the workload it models.
class TraceBuilder {
 public:
  TraceBuilder& status(const std::string& key, const std::string& state,
                       const std::string& description = "") {
    return add(trace::StatusOp{"acme/web", kCommit, key, state, "", "", description, ""});
  }
  TraceBuilder& comment(const std::string& key, const std::string& body, std::int64_t pr = 42) {
    return add(trace::CommentOp{"acme/web", pr, key, body});
  }
  TraceBuilder& report(const trace::ReportOp& report) { return add(report); }
  TraceBuilder& sleep(std::int64_t ms) { return add(trace::SleepOp{ms}); }
  TraceBuilder& flush() { return add(trace::FlushOp{}); }

  FloorResult floor(const FloorSettings& settings = warm()) const {
    return compute_floor(lines_, settings);
  }

 private:
  TraceBuilder& add(trace::Op op) {
    lines_.push_back({lines_.size() + 1, std::move(op)});
    return *this;
  }
  std::vector<trace::TraceLine> lines_;
};

inline trace::AnnotationOp annotation(int i) {
  trace::AnnotationOp a;
  a.id = "sast-" + std::to_string(i);
  a.path = "src/file" + std::to_string(i % 7) + ".cpp";
  a.line = i + 1;
  a.severity = "HIGH";
  a.type = "VULNERABILITY";
  a.summary = "finding " + std::to_string(i);
  return a;
}

inline trace::ReportOp sast_report(int annotations) {
  trace::ReportOp r;
  r.repo = "acme/web";
  r.commit = kCommit;
  r.id = "acme-sast";
  r.title = "Security scan";
  r.result = "FAILED";
  for (int i = 0; i < annotations; ++i) r.annotations.push_back(annotation(i));
  return r;
}

}  // namespace cib::bench::test
