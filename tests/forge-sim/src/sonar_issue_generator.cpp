#include "sonar_issue_generator.h"

#include <Poco/JSON/Array.h>

#include <cstdio>
#include <random>
#include <string>

namespace cib::sim {
namespace {

struct Kind {
  const char* type;
  const char* quality;  // the 10.x software quality of its impact
  const char* attribute;
  const char* category;
};

constexpr Kind kKinds[] = {
    {"BUG", "RELIABILITY", "LOGICAL", "INTENTIONAL"},
    {"VULNERABILITY", "SECURITY", "TRUSTWORTHY", "RESPONSIBLE"},
    {"CODE_SMELL", "MAINTAINABILITY", "CONVENTIONAL", "CONSISTENT"},
};
constexpr const char* kSeverities[] = {"BLOCKER", "CRITICAL", "MAJOR", "MINOR", "INFO"};
constexpr const char* kImpactSeverities[] = {"BLOCKER", "HIGH", "MEDIUM", "LOW", "INFO"};

std::string hex_key(unsigned seed, int index) {
  char key[32];
  std::snprintf(key, sizeof key, "AY%08x%08x", seed, static_cast<unsigned>(index));
  return key;
}

Poco::JSON::Object::Ptr text_range(int line, int start, int length) {
  Poco::JSON::Object::Ptr range = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  range->set("startLine", line);
  range->set("endLine", line);
  range->set("startOffset", start);
  range->set("endOffset", start + length);
  return range;
}

Poco::JSON::Array::Ptr impacts(const Kind& kind, int severity) {
  Poco::JSON::Object::Ptr impact = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  impact->set("softwareQuality", kind.quality);
  impact->set("severity", kImpactSeverities[severity]);
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  list->add(impact);
  return list;
}

void set_scope(Poco::JSON::Object::Ptr issue, const SonarScope& scope) {
  if (!scope.pull_request.empty()) issue->set("pullRequest", scope.pull_request);
  if (!scope.branch.empty()) issue->set("branch", scope.branch);
}

}  // namespace

std::vector<Poco::JSON::Object::Ptr> generate_sonar_issues(const SonarScope& scope, int count,
                                                           unsigned seed) {
  // The engine's raw output is the same everywhere; distributions are not, so none is used.
  std::mt19937 random(seed);
  std::vector<Poco::JSON::Object::Ptr> issues;
  issues.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    const Kind& kind = kKinds[random() % 3];
    const int severity = static_cast<int>(random() % 5);
    const int rule = 100 + static_cast<int>(random() % 900);
    const int line = 1 + static_cast<int>(random() % 400);
    const auto module = random() % 8;
    const auto file = random() % 40;
    const auto column = static_cast<int>(random() % 40);
    const std::string path =
        "src/module" + std::to_string(module) + "/file" + std::to_string(file) + ".cpp";

    Poco::JSON::Object::Ptr issue = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    issue->set("key", hex_key(seed, i));
    issue->set("rule", "cpp:S" + std::to_string(rule));
    issue->set("severity", kSeverities[severity]);
    issue->set("component", scope.project + ":" + path);
    issue->set("project", scope.project);
    issue->set("line", line);
    issue->set("hash", hex_key(seed ^ 0x5a5a5a5au, i));
    issue->set("textRange", text_range(line, column, 8));
    issue->set("flows", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
    issue->set("status", "OPEN");
    issue->set("message", "Finding " + std::to_string(i) + " of rule S" + std::to_string(rule) +
                              " in " + path);
    issue->set("effort", "5min");
    issue->set("debt", "5min");
    issue->set("tags", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
    issue->set("creationDate", "2026-01-15T10:00:00+0000");
    issue->set("updateDate", "2026-01-15T10:00:00+0000");
    issue->set("type", kind.type);
    issue->set("scope", "MAIN");
    issue->set("cleanCodeAttribute", kind.attribute);
    issue->set("cleanCodeAttributeCategory", kind.category);
    issue->set("impacts", impacts(kind, severity));
    set_scope(issue, scope);
    issues.push_back(issue);
  }
  return issues;
}

}  // namespace cib::sim
