#include "trace_floor.h"

#include <Poco/JSON/Object.h>

#include <sstream>
#include <type_traits>

#include "debounce_model.h"
#include "host_shapes.h"
#include "report_threads.h"
#include "sonar_op_reports.h"
#include "trace_fields.h"
#include "trace_reader.h"
#include "trace_words.h"

namespace cib::bench {
namespace {

template <std::size_t N, typename Enum>
std::string word_of(const std::array<const char*, N>& words, Enum value) {
  return words[static_cast<std::size_t>(value)];
}

trace::AnnotationOp annotation_op(const Annotation& a) {
  return trace::AnnotationOp{a.id,
                             a.path,
                             a.line,
                             word_of(trace::kSeverityWords, a.severity),
                             word_of(trace::kFindingTypeWords, a.type),
                             a.summary,
                             a.details,
                             a.link};
}

// The report as a trace's report op would state it, so the model compares it like any other.
trace::ReportOp report_op(const SonarOpReport& report) {
  const ReportContent& c = report.content;
  trace::ReportOp op;
  op.repo = report.slot.repo;
  op.commit = report.slot.commit;
  op.id = report.slot.key;
  op.title = c.title;
  op.result = word_of(trace::kResultWords, c.result);
  op.details = c.details;
  op.link = c.link;
  op.reporter = c.reporter;
  for (const ReportData& d : c.data) {
    op.data.push_back(
        trace::ReportDataOp{d.title, word_of(trace::kDataTypeWords, d.type), d.value});
  }
  for (const Annotation& a : c.annotations) op.annotations.push_back(annotation_op(a));
  return op;
}

void update_sonar(DebounceModel& model, const HostShapes& shapes, const trace::SonarOp& op,
                  const std::string& where, const std::string& name) {
  std::vector<SonarOpReport> reports;
  try {
    reports = sonar_op_reports(op, name);
  } catch (const trace::TraceError& e) {
    throw trace::TraceError(where + e.what());
  }
  model.result().calls += 1;
  for (const SonarOpReport& report : reports) {
    const trace::ReportOp content = report_op(report);
    model.result().naive += shapes.naive_sonar_cost(content);
    model.update(content);
  }
}

}  // namespace

FloorResult compute_floor(const std::vector<trace::TraceLine>& lines, const FloorSettings& settings,
                          const std::string& name) {
  const std::unique_ptr<HostShapes> shapes = make_host_shapes(settings, report_threads(lines));
  DebounceModel model(settings, *shapes);
  for (const trace::TraceLine& line : lines) {
    std::visit(
        [&](const auto& op) {
          using T = std::decay_t<decltype(op)>;
          if constexpr (std::is_same_v<T, trace::SleepOp>) {
            model.advance(op.ms);
          } else if constexpr (std::is_same_v<T, trace::FlushOp>) {
            model.flush();
          } else if constexpr (std::is_same_v<T, trace::SonarOp>) {
            update_sonar(model, *shapes, op, name + ":" + std::to_string(line.line_no) + ": ",
                         name);
          } else {
            const SlotContent content = op;
            model.result().calls += 1;
            model.result().naive += shapes->naive_cost(content);
            model.update(content);
          }
        },
        line.op);
  }
  // A process that ends destroys its client, which flushes what is still pending.
  model.flush();
  return model.result();
}

FloorResult compute_trace_floor(const std::string& path, const FloorSettings& settings) {
  return compute_floor(trace::read_trace_file(path), settings, path);
}

std::string floor_json(const std::string& name, const std::string& host,
                       const FloorResult& result) {
  Poco::JSON::Object by_kind(Poco::JSON_PRESERVE_KEY_ORDER);
  by_kind.set("status", result.floor_by_kind[kStatusKind]);
  by_kind.set("comment", result.floor_by_kind[kCommentKind]);
  by_kind.set("report", result.floor_by_kind[kReportKind]);
  Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("trace", name);
  out.set("host", host);
  out.set("calls", result.calls);
  out.set("naive", result.naive);
  out.set("floor", result.floor);
  out.set("floor_by_kind", by_kind);
  out.set("lookups", result.lookups);
  std::ostringstream text;
  out.stringify(text);
  return text.str();
}

}  // namespace cib::bench
