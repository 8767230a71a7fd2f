// The SonarQube Web API endpoints pull mode reads, served next to the host's under /api/:
//   GET api/ce/task, api/qualitygates/project_status, api/measures/component,
//   api/issues/search.
// Authentication is SonarQube's: "Bearer TOKEN", or Basic with the token as the user and an
// empty password. Errors have SonarQube's shape: {"errors":[{"msg":"…"}]}.
#pragma once

#include <map>
#include <string>

#include "answer.h"
#include "sonar_store.h"

namespace cib::sim {

inline constexpr const char* kSonarPrefix = "/api/";

bool is_sonar_target(const std::string& raw_target);

struct SonarCall {
  std::string method;
  std::string raw_target;
  std::string authorization;   // the raw header
  std::string required_token;  // empty: any token is accepted
};

Answer serve_sonar_call(const SonarCall& call, SonarStore& store);

// Shared by the endpoint files.
using SonarQuery = std::map<std::string, std::string>;
Answer sonar_error(int status, const std::string& message);
std::string query_value(const SonarQuery& query, const std::string& name);
// The analysis the query names by projectKey/component (`project_param`) and
// pullRequest/branch, or a 404 answer in `missing`.
std::shared_ptr<const SonarAnalysis> scoped_analysis(const SonarQuery& query,
                                                     const std::string& project,
                                                     const SonarStore& store, Answer& missing);
Answer serve_issue_search(const SonarQuery& query, const SonarStore& store);

}  // namespace cib::sim
