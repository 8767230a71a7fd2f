// Turns the JSON of one trace line (or of an annotations/data file) into trace ops, checking
// every field. Errors are TraceError with a sentence that names the op and the field; the
// caller adds where it came from (file and line).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "trace_op.h"

namespace cib::trace {

class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One JSON object with an "op" member, as one line of a trace holds it.
Op parse_op_json(const std::string& text);

// A JSON array of annotations in the trace's format (the value of a report's "annotations").
std::vector<AnnotationOp> parse_annotations_json(const std::string& text);

// A JSON array of report data items in the trace's format (a report's "data").
std::vector<ReportDataOp> parse_report_data_json(const std::string& text);

}  // namespace cib::trace
