#include "trace_floor.h"

#include <Poco/JSON/Object.h>

#include <sstream>
#include <type_traits>

#include "debounce_model.h"
#include "request_cost.h"
#include "trace_fields.h"
#include "trace_reader.h"

namespace cib::bench {

FloorResult compute_floor(const std::vector<trace::TraceLine>& lines, const FloorSettings& settings,
                          const std::string& name) {
  DebounceModel model(settings);
  for (const trace::TraceLine& line : lines) {
    std::visit(
        [&](const auto& op) {
          using T = std::decay_t<decltype(op)>;
          if constexpr (std::is_same_v<T, trace::SleepOp>) {
            model.advance(op.ms);
          } else if constexpr (std::is_same_v<T, trace::FlushOp>) {
            model.flush();
          } else if constexpr (std::is_same_v<T, trace::SonarOp>) {
            throw trace::TraceError(name + ":" + std::to_string(line.line_no) +
                                    ": sonar: not supported yet by the floor model");
          } else {
            const SlotContent content = op;
            model.result().calls += 1;
            model.result().naive += naive_cost(content);
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

std::string floor_json(const std::string& name, const FloorResult& result) {
  Poco::JSON::Object by_kind(Poco::JSON_PRESERVE_KEY_ORDER);
  by_kind.set("status", result.floor_by_kind[kStatusKind]);
  by_kind.set("comment", result.floor_by_kind[kCommentKind]);
  by_kind.set("report", result.floor_by_kind[kReportKind]);
  Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
  out.set("trace", name);
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
