#include "sonar_inputs.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <array>
#include <random>
#include <sstream>

namespace cib::bench {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kProject = "acme_platform";

struct Rule {
  const char* key;
  const char* type;
  const char* severity;
  const char* quality;
  const char* impact;
  const char* message;
};

constexpr std::array<Rule, 6> kRules = {{
    {"java:S2259", "BUG", "MAJOR", "RELIABILITY", "HIGH",
     "A \"NullPointerException\" could be thrown; \"%\" is nullable here."},
    {"java:S3649", "VULNERABILITY", "BLOCKER", "SECURITY", "HIGH",
     "Change this code to not construct SQL queries directly from \"%\"."},
    {"java:S1192", "CODE_SMELL", "CRITICAL", "MAINTAINABILITY", "HIGH",
     "Define a constant instead of duplicating this literal \"%\" 3 times."},
    {"java:S1481", "CODE_SMELL", "MINOR", "MAINTAINABILITY", "LOW",
     "Remove this unused \"%\" local variable."},
    {"java:S1135", "CODE_SMELL", "INFO", "MAINTAINABILITY", "INFO",
     "Complete the task associated to this TODO comment about %."},
    {"java:S3776", "CODE_SMELL", "CRITICAL", "MAINTAINABILITY", "HIGH",
     "Refactor this method to reduce its Cognitive Complexity from 31 to the 15 allowed; « % »."},
}};
constexpr std::array<const char*, 8> kWords = {"user", "order", "total", "zählerstand",
                                               "名前", "tmp",   "query", "identifiant"};
constexpr std::array<const char*, 6> kFolders = {"api", "core", "data", "web", "jobs", "Übersicht"};

Object::Ptr ordered() {
  return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

std::string stringify(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

std::string message_of(const Rule& rule, std::uint64_t n) {
  std::string text = rule.message;
  text.replace(text.find('%'), 1, kWords[n % kWords.size()]);
  return text;
}

std::string path_of(std::uint64_t n) {
  return std::string("src/main/java/com/acme/") + kFolders[n % kFolders.size()] + "/Module" +
         std::to_string(n % 400) + ".java";
}

Object::Ptr text_range(std::int64_t line) {
  Object::Ptr range = ordered();
  range->set("startLine", line);
  range->set("endLine", line);
  range->set("startOffset", 4);
  range->set("endOffset", 27);
  return range;
}

Object::Ptr issue(std::size_t index, std::mt19937_64& random) {
  const std::uint64_t n = random();
  const Rule& rule = kRules[n % kRules.size()];
  const std::string component = std::string(kProject) + ":" + path_of(n >> 8);
  const std::int64_t line = 1 + static_cast<std::int64_t>((n >> 20) % 3000);
  Object::Ptr o = ordered();
  o->set("key", "AY" + std::to_string(1000000 + index) + "-" + std::to_string(n % 100000));
  o->set("rule", rule.key);
  o->set("severity", rule.severity);
  o->set("component", component);
  o->set("project", kProject);
  o->set("line", line);
  o->set("hash", std::to_string(n));
  o->set("textRange", text_range(line));
  Array::Ptr flows = new Array;
  if (n % 5 == 0) {
    Object::Ptr location = ordered();
    location->set("component", component);
    location->set("textRange", text_range(line > 3 ? line - 3 : line));
    location->set("msg", "Source of the value");
    Array::Ptr locations = new Array;
    locations->add(location);
    Object::Ptr flow = ordered();
    flow->set("locations", locations);
    flows->add(flow);
  }
  o->set("flows", flows);
  o->set("status", "OPEN");
  o->set("message", message_of(rule, n >> 4));
  o->set("effort", "10min");
  o->set("debt", "10min");
  Array::Ptr tags = new Array;
  tags->add(std::string(rule.type) == "CODE_SMELL" ? "convention" : "cwe");
  o->set("tags", tags);
  o->set("creationDate", "2026-11-" + std::to_string(10 + n % 18) + "T09:30:00+0000");
  o->set("type", rule.type);
  Object::Ptr impact = ordered();
  impact->set("softwareQuality", rule.quality);
  impact->set("severity", rule.impact);
  Array::Ptr impacts = new Array;
  impacts->add(impact);
  o->set("impacts", impacts);
  return o;
}

std::string issue_page(std::size_t page, std::size_t per_page, std::size_t total,
                       std::mt19937_64& random) {
  Object::Ptr paging = ordered();
  paging->set("pageIndex", page + 1);
  paging->set("pageSize", per_page);
  paging->set("total", total);
  Array::Ptr issues = new Array;
  for (std::size_t i = 0; i < per_page; ++i) issues->add(issue(page * per_page + i, random));
  Object::Ptr o = ordered();
  o->set("total", total);
  o->set("p", page + 1);
  o->set("ps", per_page);
  o->set("paging", paging);
  o->set("effortTotal", 10 * total);
  o->set("issues", issues);
  o->set("components", Array::Ptr(new Array));
  o->set("facets", Array::Ptr(new Array));
  return stringify(o);
}

constexpr const char* kGate =
    R"({"projectStatus":{"status":"ERROR","conditions":[)"
    R"({"status":"ERROR","metricKey":"new_coverage","comparator":"LT","periodIndex":1,)"
    R"("errorThreshold":"80","actualValue":"71.2"},)"
    R"({"status":"OK","metricKey":"new_duplicated_lines_density","comparator":"GT",)"
    R"("periodIndex":1,"errorThreshold":"3","actualValue":"1.1"},)"
    R"({"status":"ERROR","metricKey":"new_reliability_rating","comparator":"GT","periodIndex":1,)"
    R"("errorThreshold":"1","actualValue":"3"}],"ignoredConditions":false}})";

constexpr const char* kMeasures =
    R"({"component":{"key":"acme_platform","qualifier":"TRK",)"
    R"("measures":[{"metric":"new_bugs","period":{"index":1,"value":"1650"}},)"
    R"({"metric":"new_vulnerabilities","period":{"index":1,"value":"1700"}},)"
    R"({"metric":"new_code_smells","period":{"index":1,"value":"6650"}},)"
    R"({"metric":"new_coverage","period":{"index":1,"value":"71.2"}},)"
    R"({"metric":"coverage","value":"83.4"},{"metric":"duplicated_lines_density","value":"2.7"}]}})";

constexpr std::array<const char*, 3> kLevels = {"error", "warning", "note"};

Object::Ptr sarif_rule(std::size_t i) {
  Object::Ptr text = ordered();
  text->set("text", message_of(kRules[i], i));
  Object::Ptr config = ordered();
  config->set("level", kLevels[i % kLevels.size()]);
  Object::Ptr rule = ordered();
  rule->set("id", kRules[i].key);
  rule->set("shortDescription", text);
  rule->set("defaultConfiguration", config);
  return rule;
}

Object::Ptr sarif_result(std::size_t index, std::mt19937_64& random) {
  const std::uint64_t n = random();
  const std::size_t rule = n % kRules.size();
  Object::Ptr artifact = ordered();
  artifact->set("uri", path_of(n >> 8));
  artifact->set("uriBaseId", "%SRCROOT%");
  Object::Ptr region = ordered();
  region->set("startLine", 1 + static_cast<std::int64_t>((n >> 20) % 3000));
  region->set("startColumn", 5);
  Object::Ptr physical = ordered();
  physical->set("artifactLocation", artifact);
  physical->set("region", region);
  Object::Ptr location = ordered();
  location->set("physicalLocation", physical);
  Array::Ptr locations = new Array;
  locations->add(location);
  Object::Ptr message = ordered();
  message->set("text", message_of(kRules[rule], n >> 4));
  Object::Ptr fingerprints = ordered();
  fingerprints->set("primaryLocationLineHash", std::to_string(n) + ":" + std::to_string(index));
  Object::Ptr result = ordered();
  result->set("ruleId", kRules[rule].key);
  result->set("ruleIndex", rule);
  result->set("level", kLevels[(n >> 40) % kLevels.size()]);
  result->set("message", message);
  result->set("locations", locations);
  result->set("partialFingerprints", fingerprints);
  return result;
}

}  // namespace

SonarAnswerTexts sonar_answer_texts(std::size_t pages, std::size_t per_page, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  SonarAnswerTexts texts;
  for (std::size_t p = 0; p < pages; ++p) {
    texts.issue_pages.push_back(issue_page(p, per_page, pages * per_page, random));
  }
  texts.gate = kGate;
  texts.measures = kMeasures;
  return texts;
}

std::string sarif_text(std::size_t results, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  Array::Ptr rules = new Array;
  for (std::size_t i = 0; i < kRules.size(); ++i) rules->add(sarif_rule(i));
  Object::Ptr driver = ordered();
  driver->set("name", "CodeQL");
  driver->set("semanticVersion", "2.19.3");
  driver->set("rules", rules);
  Object::Ptr tool = ordered();
  tool->set("driver", driver);
  Array::Ptr list = new Array;
  for (std::size_t i = 0; i < results; ++i) list->add(sarif_result(i, random));
  Object::Ptr run = ordered();
  run->set("tool", tool);
  run->set("results", list);
  Array::Ptr runs = new Array;
  runs->add(run);
  Object::Ptr doc = ordered();
  doc->set("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  doc->set("version", "2.1.0");
  doc->set("runs", runs);
  return stringify(doc);
}

}  // namespace cib::bench
