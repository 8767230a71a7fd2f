// Made-up SonarQube issues for tests that need many: the same seed gives the same issues.
#pragma once

#include <Poco/JSON/Object.h>

#include <vector>

#include "sonar_store.h"

namespace cib::sim {

// `count` open issues of `scope`, in the shape api/issues/search returns (key, rule, severity,
// component, project, line, textRange, message, type, status, impacts, …). Keys are unique and
// stable for a seed; files, lines, rules and severities vary.
std::vector<Poco::JSON::Object::Ptr> generate_sonar_issues(const SonarScope& scope, int count,
                                                           unsigned seed);

}  // namespace cib::sim
