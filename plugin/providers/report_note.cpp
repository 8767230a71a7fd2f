#include "providers/report_note.h"

#include <sstream>

#include "providers/host_exchange.h"

namespace cib {

namespace {

// One line, no '|' that would end the cell, at most excerpt()'s 200 bytes.
std::string cell(const std::string& text) {
  std::string line = text;
  for (char& c : line) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  std::string out;
  for (const char c : excerpt(line)) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string data_value(const ReportData& data) {
  switch (data.type) {
    case DataType::percentage:
      return data.value + " %";
    case DataType::duration:
      return data.value + " ms";
    case DataType::link:
      return "<" + data.value + ">";
    default:
      return data.value;
  }
}

void write_summary(std::ostream& out, const std::string& report_id, const ReportContent& report) {
  out << "#### " << cell(report.title.empty() ? report_id : report.title) << ": "
      << to_string(report.result) << "\n";
  if (!report.details.empty()) out << "\n" << report.details << "\n";
  if (!report.link.empty()) out << "\n[Details](" << report.link << ")\n";
  if (!report.reporter.empty()) out << "\nReported by " << cell(report.reporter) << "\n";
  if (report.data.empty()) return;
  out << "\n| Field | Value |\n| --- | --- |\n";
  for (const ReportData& data : report.data) {
    out << "| " << cell(data.title) << " | " << cell(data_value(data)) << " |\n";
  }
}

void write_findings(std::ostream& out, const ReportContent& report) {
  if (report.annotations.empty()) {
    out << "\nNo findings.\n";
    return;
  }
  out << "\n| Severity | Type | Where | Finding |\n| --- | --- | --- | --- |\n";
  for (const Annotation& a : report.annotations) {
    std::string where = a.path;
    if (!where.empty() && a.line > 0) where += ':' + std::to_string(a.line);
    std::string finding = a.summary;
    if (!a.details.empty()) finding += ": " + a.details;
    out << "| " << to_string(a.severity) << " | " << to_string(a.type) << " | "
        << (where.empty() ? "" : "`" + cell(where) + "`") << " | " << cell(finding);
    if (!a.link.empty()) out << " [link](" << cell(a.link) << ")";
    out << " |\n";
  }
}

}  // namespace

std::string report_note_key(const std::string& report_id) {
  return "report-" + report_id;
}

std::string render_report_summary(const std::string& report_id, const ReportContent& report) {
  std::ostringstream out;
  write_summary(out, report_id, report);
  std::string summary = out.str();
  summary.pop_back();
  return summary;
}

std::string render_report_note(const std::string& report_id, const ReportContent& report) {
  std::ostringstream out;
  write_summary(out, report_id, report);
  write_findings(out, report);
  std::string note = out.str();
  note.pop_back();  // the marker follows after a blank line
  return note;
}

}  // namespace cib
