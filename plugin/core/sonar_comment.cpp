#include "core/sonar_comment.h"

#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "sonar/text_bounds.h"

namespace cib {
namespace {

// Bounds of each part, chosen so that the whole body stays under kMaxSonarCommentBytes even
// when every text is at its bound and made of markup characters (about 29 KiB then).
// The longest entity (inline_text) is 6 bytes, a percent-encoded byte (link_target) 3.
constexpr std::size_t kMaxTitleBytes = 100;
constexpr std::size_t kMaxDetailBytes = 160;
constexpr std::size_t kMaxDetailsListed = 15;
constexpr std::size_t kMaxDataTitleBytes = 40;
constexpr std::size_t kMaxDataValueBytes = 80;
constexpr std::size_t kMaxDataRows = 10;
constexpr std::size_t kMaxLinkBytes = 2048;

// Gate details are the failed conditions joined like this (plugin/sonar/gate_reader.cpp).
constexpr const char* kDetailSeparator = "; ";

// The entity that stands for a character Markdown or HTML could read as markup, or nullptr.
// Entities, not backslashes: every host's Markdown renders them, and none reads them as markup.
const char* entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '*':
      return "&#42;";
    case '[':
      return "&#91;";
    case '\\':
      return "&#92;";
    case ']':
      return "&#93;";
    case '_':
      return "&#95;";
    case '`':
      return "&#96;";
    case '|':
      return "&#124;";
    case '~':
      return "&#126;";
    default:
      return nullptr;
  }
}

// `text` cut to `max_bytes`, on one line, with markup characters as entities: a condition or a
// metric value cannot open a link, emphasis or code, nor split a table cell.
std::string inline_text(const std::string& text, std::size_t max_bytes) {
  std::string out;
  for (const char c : sonar::cut_with_note(text, max_bytes)) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      out += ' ';
    } else if (const char* e = entity(c)) {
      out += e;
    } else {
      out += c;
    }
  }
  return out;
}

// A URL as a Markdown link target: the characters that would end or split it percent-encoded.
std::string link_target(const std::string& url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || std::strchr("()<>[]\\`", c) != nullptr) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    } else {
      out += c;
    }
  }
  return out;
}

std::string heading(const ReportContent& report) {
  const std::string title =
      inline_text(report.title.empty() ? "Sonar" : report.title, kMaxTitleBytes);
  switch (report.result) {
    case ReportResult::passed:
      return "#### ✅ " + title + ": quality gate passed\n";
    case ReportResult::failed:
      return "#### ❌ " + title + ": quality gate failed\n";
    case ReportResult::pending:
      break;
  }
  return "#### ⏳ " + title + ": no quality gate (pending)\n";
}

std::vector<std::string> split_details(const std::string& details) {
  std::vector<std::string> items;
  const std::size_t step = std::strlen(kDetailSeparator);
  std::size_t at = 0;
  while (at <= details.size()) {
    const std::size_t end = details.find(kDetailSeparator, at);
    const std::string item = details.substr(at, end == std::string::npos ? end : end - at);
    if (!item.empty()) items.push_back(item);
    if (end == std::string::npos) break;
    at = end + step;
  }
  return items;
}

std::string more_line(std::size_t left) {
  return "- … and " + std::to_string(left) + " more\n";
}

std::string details_section(const ReportContent& report) {
  const std::vector<std::string> items = split_details(report.details);
  if (items.empty()) return "";
  std::string out =
      report.result == ReportResult::failed ? "\n**Failed conditions**\n\n" : "\n**Details**\n\n";
  for (std::size_t i = 0; i < items.size() && i < kMaxDetailsListed; ++i) {
    out += "- " + inline_text(items[i], kMaxDetailBytes) + "\n";
  }
  if (items.size() > kMaxDetailsListed) out += more_line(items.size() - kMaxDetailsListed);
  return out;
}

std::string data_value(const ReportData& field) {
  const bool percent =
      field.type == DataType::percentage && !field.value.empty() && field.value.back() != '%';
  return inline_text(percent ? field.value + "%" : field.value, kMaxDataValueBytes);
}

std::string data_section(const std::vector<ReportData>& data) {
  if (data.empty()) return "";
  std::string out = "\n| Measure | Value |\n|---|---:|\n";
  for (std::size_t i = 0; i < data.size() && i < kMaxDataRows; ++i) {
    out += "| " + inline_text(data[i].title, kMaxDataTitleBytes) + " | " + data_value(data[i]) +
           " |\n";
  }
  if (data.size() > kMaxDataRows) {
    out += "| … and " + std::to_string(data.size() - kMaxDataRows) + " more | |\n";
  }
  return out;
}

// counts[type][severity], in the enums' order; the last row and column hold the totals.
using Counts = std::array<std::array<std::size_t, 5>, 4>;

Counts count_findings(const std::vector<Annotation>& annotations) {
  Counts counts{};
  for (const Annotation& a : annotations) {
    const auto type = static_cast<std::size_t>(a.type);
    const auto severity = static_cast<std::size_t>(a.severity);
    if (type >= 3 || severity >= 4) continue;
    ++counts[type][severity];
    ++counts[type][4];
    ++counts[3][severity];
    ++counts[3][4];
  }
  return counts;
}

std::string findings_section(const std::vector<Annotation>& annotations) {
  if (annotations.empty()) return "\nNo open findings.\n";
  static constexpr const char* kRows[] = {"Bugs", "Vulnerabilities", "Code smells", "**Total**"};
  const Counts counts = count_findings(annotations);
  std::string out =
      "\n| Findings | Critical | High | Medium | Low | Total |\n"
      "|---|---:|---:|---:|---:|---:|\n";
  for (std::size_t type = 0; type < counts.size(); ++type) {
    out += std::string("| ") + kRows[type];
    for (const std::size_t n : counts[type]) out += " | " + std::to_string(n);
    out += " |\n";
  }
  return out;
}

std::string link_section(const std::string& link) {
  if (link.empty() || link.size() > kMaxLinkBytes) return "";
  return "\n[Open the dashboard](" + link_target(link) + ")\n";
}

std::string comment_body(const ReportContent& report) {
  std::string body = heading(report) + details_section(report) + data_section(report.data) +
                     findings_section(report.annotations) + link_section(report.link);
  // The parts are bounded by construction; this only keeps the promise should they grow.
  if (body.size() > kMaxSonarCommentBytes) {
    body = sonar::cut_with_note(body, kMaxSonarCommentBytes);
  }
  return body;
}

}  // namespace

std::optional<Update> sonar_comment_update(const Update& report, std::int64_t pr) {
  const auto* content = std::get_if<ReportContent>(&report.content);
  if (pr <= 0 || content == nullptr || report.id.kind != SlotKind::report) return std::nullopt;
  Update comment;
  comment.id.kind = SlotKind::comment;
  comment.id.repo = report.id.repo;
  comment.id.pr = pr;
  comment.id.key = kSonarCommentKeyPrefix + report.id.key;
  comment.content = CommentContent{comment_body(*content)};
  comment.tag = report.tag;
  comment.force = report.force;
  return comment;
}

}  // namespace cib
