#include "sonar/sarif_reader.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <cctype>
#include <map>

#include "runtime/sha256.h"
#include "sonar/json_field.h"
#include "sonar/sonar_error.h"
#include "sonar/sonar_limits.h"
#include "sonar/text_bounds.h"

namespace cib::sonar {
namespace {

// What a run's rule says of its results: the level of results that give none, and whether the
// rule is tagged "security" (its findings are then vulnerabilities).
struct RuleDefaults {
  std::optional<JsonField> level;
  bool security = false;
};
using Rules = std::map<std::string, RuleDefaults>;

bool has_security_tag(const JsonField& rule) {
  const std::optional<JsonField> properties = rule.optional_member("properties");
  const std::optional<JsonField> tags =
      properties ? properties->optional_member("tags") : std::nullopt;
  for (std::size_t i = 0; tags && i < tags->size(); ++i) {
    if (tags->at(i).text() == "security") return true;
  }
  return false;
}

Rules rules_of(const JsonField& driver) {
  Rules rules;
  const std::optional<JsonField> list = driver.optional_member("rules");
  for (std::size_t i = 0; list && i < list->size(); ++i) {
    const JsonField rule = list->at(i);
    RuleDefaults defaults;
    if (const std::optional<JsonField> config = rule.optional_member("defaultConfiguration")) {
      defaults.level = config->optional_member("level");
    }
    defaults.security = has_security_tag(rule);
    rules[rule.member("id").text()] = defaults;
  }
  return rules;
}

// The result's level, else its rule's default level, else SARIF's default "warning".
Severity severity_of(const JsonField& result, const RuleDefaults& rule) {
  std::optional<JsonField> level = result.optional_member("level");
  if (!level) level = rule.level;
  if (!level) return Severity::medium;
  const std::string word = level->text();
  if (word == "error") return Severity::high;
  if (word == "warning" || word == "none") return Severity::medium;
  if (word == "note") return Severity::low;
  level->fail("unknown level \"" + word + "\"");
}

// A file URI ("file:///src/a.js") becomes its path; a relative URI is the path, percent-decoded.
std::string path_of(const JsonField& result) {
  const std::optional<JsonField> locations = result.optional_member("locations");
  if (!locations || locations->size() == 0) return "";
  const JsonField physical = locations->at(0).member("physicalLocation");
  const JsonField uri_field = physical.member("artifactLocation").member("uri");
  const std::string uri = uri_field.text();
  std::string decoded;
  try {
    Poco::URI::decode(uri.compare(0, 7, "file://") == 0 ? uri.substr(7) : uri, decoded);
  } catch (const Poco::Exception&) {
    uri_field.fail("not a URI: a '%' is not followed by two hex digits");
  }
  if (first_invalid_utf8(decoded) != std::string::npos) uri_field.fail("decodes to invalid UTF-8");
  return decoded;
}

std::int32_t line_of(const JsonField& result) {
  const std::optional<JsonField> locations = result.optional_member("locations");
  if (!locations || locations->size() == 0) return 0;
  const std::optional<JsonField> physical = locations->at(0).optional_member("physicalLocation");
  const std::optional<JsonField> region =
      physical ? physical->optional_member("region") : std::nullopt;
  const std::optional<JsonField> line =
      region ? region->optional_member("startLine") : std::nullopt;
  return line ? line->int32() : 0;
}

std::string first_fingerprint(const JsonField& result) {
  const std::optional<JsonField> prints = result.optional_member("partialFingerprints");
  if (!prints) return "";
  // Member order is not kept by the parser; the first name in sorted order is the same for every
  // reader of the same document.
  const std::vector<std::string> names = prints->member_names();
  return names.empty() ? "" : prints->member(names.front()).text();
}

Annotation finding_of(const JsonField& result, const Rules& rules) {
  Annotation finding;
  const std::string rule = result.optional_member("ruleId") ? result.member("ruleId").text() : "";
  const auto known = rules.find(rule);
  const RuleDefaults defaults = known == rules.end() ? RuleDefaults() : known->second;
  finding.path = path_of(result);
  finding.line = line_of(result);
  finding.severity = severity_of(result, defaults);
  finding.summary = result.member("message").member("text").text_cut(kMaxMessageBytes);
  if (defaults.security) {
    finding.type = FindingType::vulnerability;
  } else {
    finding.type = finding.severity == Severity::high ? FindingType::bug : FindingType::code_smell;
  }
  if (!rule.empty()) finding.details = "Rule " + rule;
  finding.id = first_fingerprint(result);
  if (finding.id.empty()) {
    finding.id = sha256_hex(rule + '\n' + finding.path + '\n' + finding.summary);
  }
  return finding;
}

std::string report_id_of(const std::string& tool) {
  std::string id;
  for (const char c : tool) {
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (plain)
      id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!id.empty() && id.back() != '-')
      id += '-';
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id.empty() ? "sarif" : id;
}

SarifReport report_of(const JsonField& run, std::size_t& total) {
  SarifReport report;
  const JsonField driver = run.member("tool").member("driver");
  const std::string tool = driver.member("name").text();
  const Rules rules = rules_of(driver);
  report.report_id = report_id_of(tool);
  report.content.title = tool;
  report.content.reporter = tool;
  report.content.result = ReportResult::passed;
  const std::optional<JsonField> results = run.optional_member("results");
  for (std::size_t i = 0; results && i < results->size(); ++i) {
    if (++total > kMaxFindings) {
      throw SonarError(
          SonarErrorKind::too_large,
          "sarif: more than " + std::to_string(kMaxFindings) + " results in one document");
    }
    Annotation finding = finding_of(results->at(i), rules);
    if (finding.severity == Severity::high) report.content.result = ReportResult::failed;
    report.content.annotations.push_back(std::move(finding));
  }
  return report;
}

}  // namespace

std::vector<SarifReport> read_sarif(const std::string& text) {
  if (text.size() > kMaxInputBytes) {
    throw SonarError(SonarErrorKind::too_large,
                     "sarif: more than " + std::to_string(kMaxInputBytes) + " bytes");
  }
  const JsonField document = JsonField::parse(text, "sarif");
  const JsonField version = document.member("version");
  if (!version.is_string() || version.text() != "2.1.0") {
    version.fail("expected \"2.1.0\"; only SARIF 2.1.0 is read");
  }
  const JsonField runs = document.member("runs");
  std::vector<SarifReport> reports;
  std::size_t total = 0;
  for (std::size_t i = 0; i < runs.size(); ++i) reports.push_back(report_of(runs.at(i), total));
  return reports;
}

}  // namespace cib::sonar
