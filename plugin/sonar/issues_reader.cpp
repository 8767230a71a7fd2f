#include "sonar/issues_reader.h"

#include <Poco/URI.h>

#include <map>
#include <set>

#include "sonar/json_field.h"
#include "sonar/sonar_error.h"
#include "sonar/sonar_limits.h"
#include "sonar/sonar_words.h"

namespace cib::sonar {
namespace {

using ComponentPaths = std::map<std::string, std::string>;

struct Findings {
  IssuesOptions options;
  std::string project, project_where;  // of the first issue seen, and its page
  std::set<std::string> seen;
  std::vector<Annotation> annotations;
};

ComponentPaths component_paths(const JsonField& page) {
  ComponentPaths paths;
  const std::optional<JsonField> components = page.optional_member("components");
  if (!components) return paths;
  for (std::size_t i = 0; i < components->size(); ++i) {
    const JsonField component = components->at(i);
    const std::optional<JsonField> path = component.optional_member("path");
    if (path) paths[component.member("key").text()] = path->text();
  }
  return paths;
}

std::string optional_text(const JsonField& object, const std::string& name) {
  const std::optional<JsonField> field = object.optional_member(name);
  return field ? field->text() : std::string();
}

bool is_open(const JsonField& issue) {
  const std::string status = optional_text(issue, "status");
  if (status == "CLOSED" || status == "RESOLVED" || status == "REVIEWED") return false;
  return !issue.optional_member("resolution");
}

std::string project_of(const JsonField& issue, const std::string& component) {
  std::string project = optional_text(issue, "project");
  if (!project.empty()) return project;
  return component.substr(0, component.find(':'));
}

std::string path_of(const std::string& component, const std::string& project,
                    const ComponentPaths& paths) {
  const auto known = paths.find(component);
  if (known != paths.end()) return known->second;
  const std::string prefix = project + ":";
  if (component.compare(0, prefix.size(), prefix) == 0) return component.substr(prefix.size());
  return component == project ? std::string() : component;
}

std::int32_t line_of(const JsonField& issue) {
  if (const std::optional<JsonField> range = issue.optional_member("textRange")) {
    if (const std::optional<JsonField> start = range->optional_member("startLine")) {
      return start->int32();
    }
  }
  const std::optional<JsonField> line = issue.optional_member("line");
  return line ? line->int32() : 0;
}

Severity word_severity(const JsonField& field) {
  const std::optional<Severity> severity = severity_from_sonar(field.text());
  if (!severity) field.fail("unknown severity \"" + field.text() + "\"");
  return *severity;
}

// The highest 10.x impact wins over the legacy severity; it also gives the type when the issue
// has none. Hotspots rate by their vulnerability probability.
void rate(const JsonField& issue, Annotation& finding) {
  finding.type = FindingType::code_smell;
  if (const std::optional<JsonField> type = issue.optional_member("type")) {
    const std::optional<FindingType> known = type_from_sonar(type->text());
    if (!known) type->fail("unknown type \"" + type->text() + "\"");
    finding.type = *known;
  }
  if (const std::optional<JsonField> severity = issue.optional_member("severity")) {
    finding.severity = word_severity(*severity);
  }
  if (const std::optional<JsonField> probability =
          issue.optional_member("vulnerabilityProbability")) {
    finding.severity = word_severity(*probability);
    finding.type = FindingType::vulnerability;
  }
  const std::optional<JsonField> impacts = issue.optional_member("impacts");
  if (!impacts || impacts->size() == 0) return;
  Severity highest = Severity::low;
  for (std::size_t i = 0; i < impacts->size(); ++i) {
    const JsonField impact = impacts->at(i);
    const Severity severity = word_severity(impact.member("severity"));
    if (i > 0 && worse(severity, highest) == highest) continue;
    highest = severity;
    const std::optional<FindingType> quality =
        type_from_quality(optional_text(impact, "softwareQuality"));
    if (quality && !issue.optional_member("type")) finding.type = *quality;
  }
  finding.severity = highest;
}

std::string rule_link(const std::string& server, const std::string& rule) {
  if (server.empty() || rule.empty()) return "";
  std::string encoded;
  Poco::URI::encode(rule, ":/?#[]@!$&'()*+,;= ", encoded);
  const std::string base = server.back() == '/' ? server.substr(0, server.size() - 1) : server;
  return base + "/coding_rules?open=" + encoded + "&rule_key=" + encoded;
}

void check_project(const JsonField& issue, const std::string& project, Findings& found) {
  if (found.project_where.empty()) {
    found.project = project;
    found.project_where = issue.where();
  } else if (project != found.project) {
    issue.fail("project \"" + project + "\" is not the project of " + found.project_where + " (\"" +
               found.project + "\")");
  }
}

void read_issue(const JsonField& issue, const ComponentPaths& paths, Findings& found) {
  const JsonField key_field = issue.member("key");
  const std::string key = key_field.text();
  if (key.empty()) key_field.fail("empty; a finding needs its key as its id");
  const std::string component = issue.member("component").text();
  const std::string project = project_of(issue, component);
  check_project(issue, project, found);
  if (!is_open(issue) || !found.seen.insert(key).second) return;
  if (found.annotations.size() == kMaxFindings) {
    throw SonarError(SonarErrorKind::too_large, issue.where() + ": more than " +
                                                    std::to_string(kMaxFindings) +
                                                    " open findings in one analysis");
  }
  Annotation finding;
  finding.id = key;
  finding.path = path_of(component, project, paths);
  finding.line = line_of(issue);
  finding.summary = issue.member("message").text_cut(kMaxMessageBytes);
  rate(issue, finding);
  std::string rule = optional_text(issue, "rule");
  if (rule.empty()) rule = optional_text(issue, "ruleKey");
  if (!rule.empty()) finding.details = "Rule " + rule;
  finding.link = rule_link(found.options.server_url, rule);
  found.annotations.push_back(std::move(finding));
}

void read_page(const std::string& text, std::size_t number, Findings& found) {
  const JsonField page = JsonField::parse(text, "issues page " + std::to_string(number));
  if (!page.is_object()) page.fail("expected a JSON object");
  const ComponentPaths paths = component_paths(page);
  std::optional<JsonField> issues = page.optional_member("issues");
  if (!issues) issues = page.optional_member("hotspots");
  if (!issues) page.fail("no \"issues\" or \"hotspots\" array");
  for (std::size_t i = 0; i < issues->size(); ++i) read_issue(issues->at(i), paths, found);
}

}  // namespace

std::vector<Annotation> read_issue_pages(const std::vector<std::string>& pages,
                                         const IssuesOptions& options) {
  if (pages.size() > kMaxIssuePages) {
    throw SonarError(SonarErrorKind::too_large, "issues: " + std::to_string(pages.size()) +
                                                    " pages, more than " +
                                                    std::to_string(kMaxIssuePages));
  }
  std::size_t bytes = 0;
  for (const std::string& page : pages) bytes += page.size();
  if (bytes > kMaxInputBytes) {
    throw SonarError(
        SonarErrorKind::too_large,
        "issues: " + std::to_string(bytes) + " bytes, more than " + std::to_string(kMaxInputBytes));
  }
  Findings found;
  found.options = options;
  for (std::size_t i = 0; i < pages.size(); ++i) read_page(pages[i], i + 1, found);
  return std::move(found.annotations);
}

}  // namespace cib::sonar
