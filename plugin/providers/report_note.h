// A report as a keyed comment (a GitLab merge request note, a GitHub pull request comment when
// no App can make check runs): the report's summary (title, result, details, link, data fields)
// and its most severe findings are written as Markdown. The text is a pure function of the content,
// so unchanged content makes an unchanged note (and the core sends nothing for it).
#pragma once

#include <string>

#include "model/content.h"

namespace cib {

// The marker key of a report's comment: "report-" + the report id.
std::string report_note_key(const std::string& report_id);

// The comment's Markdown (without the marker). `report` is already capped (cap_annotations: fixed
// order, at most the provider's cap, and details saying how many are not shown); every finding
// it holds becomes one table row. Table cells are one line, '|' escaped, at most 200 bytes.
std::string render_report_note(const std::string& report_id, const ReportContent& report);

// The summary part alone (title, result, details, link, reporter, data fields), for a host that
// shows the findings elsewhere (GitHub's check run annotations).
std::string render_report_summary(const std::string& report_id, const ReportContent& report);

}  // namespace cib
