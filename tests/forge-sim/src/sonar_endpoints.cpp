#include "sonar_endpoints.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>

#include "credentials.h"
#include "github_router.h"
#include "gitlab_router.h"
#include "router.h"

namespace cib::sim {
namespace {

// SonarQube takes a user token as Bearer, or as the Basic user with an empty password (a
// non-empty password would be a login, and the simulator has no users).
bool authenticated(const SonarCall& call) {
  const auto credentials = read_credentials(call.authorization);
  if (!credentials.present) return false;
  if (!credentials.bearer && !credentials.secret.empty()) return false;
  const std::string& token = credentials.bearer ? credentials.secret : credentials.identity;
  return call.required_token.empty() || token == call.required_token;
}

Poco::JSON::Object::Ptr new_object() {
  return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

void set_scope(Poco::JSON::Object::Ptr object, const SonarScope& scope) {
  if (!scope.pull_request.empty()) {
    object->set("pullRequest", scope.pull_request);
  } else {
    object->set("branch", scope.branch.empty() ? "main" : scope.branch);
    object->set("branchType", "BRANCH");
  }
}

Poco::JSON::Object::Ptr render_task(const SonarTask& task) {
  const std::string status = task.status();
  auto body = new_object();
  body->set("id", task.id);
  body->set("type", "REPORT");
  body->set("componentKey", task.scope.project);
  body->set("componentName", task.scope.project);
  body->set("componentQualifier", "TRK");
  body->set("status", status);
  body->set("submittedAt", "2026-01-15T10:00:00+0000");
  if (status != "PENDING") body->set("startedAt", "2026-01-15T10:00:01+0000");
  if (status != "PENDING" && status != "IN_PROGRESS") {
    body->set("executedAt", "2026-01-15T10:00:05+0000");
    body->set("executionTimeMs", 4000);
  }
  if (status == "SUCCESS") body->set("analysisId", task.analysis_id);
  if ((status == "FAILED" || status == "CANCELED") && !task.error_message.empty()) {
    body->set("errorMessage", task.error_message);
  }
  body->set("logs", false);
  body->set("hasScannerContext", true);
  body->set("warningCount", 0);
  body->set("warnings", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  set_scope(body, task.scope);
  auto answer = new_object();
  answer->set("task", body);
  return answer;
}

Answer serve_task(const SonarQuery& query, SonarStore& store) {
  const std::string id = query_value(query, "id");
  if (id.empty()) return sonar_error(400, "The 'id' parameter is missing");
  SonarTask task;
  if (!store.poll_task(id, task))
    return sonar_error(404, "No activity found for task '" + id + "'");
  return json_answer(200, render_task(task));
}

Answer serve_gate(const SonarQuery& query, const SonarStore& store) {
  const std::string analysis_id = query_value(query, "analysisId");
  const std::string project = query_value(query, "projectKey");
  std::shared_ptr<const SonarAnalysis> analysis;
  Answer missing;
  if (!analysis_id.empty()) {
    analysis = store.by_id(analysis_id);
    if (!analysis) return sonar_error(404, "Analysis with id '" + analysis_id + "' is not found");
  } else if (!project.empty()) {
    analysis = scoped_analysis(query, project, store, missing);
    if (!analysis) return missing;
  } else {
    return sonar_error(400, "Either 'analysisId', 'projectId' or 'projectKey' must be provided");
  }
  auto answer = new_object();
  answer->set("projectStatus", analysis->gate);
  return json_answer(200, answer);
}

Answer serve_measures(const SonarQuery& query, const SonarStore& store) {
  const std::string component = query_value(query, "component");
  if (component.empty()) return sonar_error(400, "The 'component' parameter is missing");
  const std::string metric_keys = query_value(query, "metricKeys");
  if (metric_keys.empty()) return sonar_error(400, "The 'metricKeys' parameter is missing");
  Answer missing;
  const auto analysis = scoped_analysis(query, component, store, missing);
  if (!analysis) return missing;

  const std::string wanted = "," + metric_keys + ",";
  Poco::JSON::Array::Ptr measures = new Poco::JSON::Array;
  for (std::size_t i = 0; i < analysis->measures->size(); ++i) {
    const auto measure = analysis->measures->getObject(static_cast<unsigned>(i));
    if (measure.isNull() || !measure->has("metric")) continue;
    const auto metric = measure->getValue<std::string>("metric");
    if (wanted.find("," + metric + ",") != std::string::npos) measures->add(measure);
  }
  auto body = new_object();
  body->set("key", component);
  body->set("name", component);
  body->set("qualifier", "TRK");
  body->set("measures", measures);
  set_scope(body, analysis->scope);
  auto answer = new_object();
  answer->set("component", body);
  return json_answer(200, answer);
}

}  // namespace

bool is_sonar_target(const std::string& raw_target) {
  // /api/v4/ is GitLab's, /api/v3/ GitHub Enterprise's; everything else under /api/ is
  // SonarQube's.
  return raw_target.rfind(kSonarPrefix, 0) == 0 && !is_gitlab_target(raw_target) &&
         !is_github_enterprise_target(raw_target);
}

Answer sonar_error(int status, const std::string& message) {
  auto error = new_object();
  error->set("msg", message);
  Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
  errors->add(error);
  auto body = new_object();
  body->set("errors", errors);
  return json_answer(status, body);
}

std::string query_value(const SonarQuery& query, const std::string& name) {
  const auto found = query.find(name);
  return found == query.end() ? "" : found->second;
}

std::shared_ptr<const SonarAnalysis> scoped_analysis(const SonarQuery& query,
                                                     const std::string& project,
                                                     const SonarStore& store, Answer& missing) {
  const SonarScope scope{project, query_value(query, "pullRequest"), query_value(query, "branch")};
  if (!store.has_project(project)) {
    missing = sonar_error(404, "Component key '" + project + "' not found");
    return nullptr;
  }
  auto analysis = store.by_scope(scope);
  if (analysis) return analysis;
  missing =
      scope.pull_request.empty()
          ? sonar_error(404, "Component '" + project + "' on branch '" +
                                 (scope.branch.empty() ? "main" : scope.branch) + "' not found")
          : sonar_error(404, "Component '" + project + "' on pull request '" + scope.pull_request +
                                 "' not found");
  return nullptr;
}

Answer serve_sonar_call(const SonarCall& call, SonarStore& store) {
  if (!authenticated(call)) return sonar_error(401, "Authentication is required");
  Route route;
  try {
    route = route_request(call.raw_target);
  } catch (const Poco::Exception&) {
    return sonar_error(400, "Malformed percent-encoding in the request target");
  }
  const std::string& path = route.raw_path;
  const bool known = path == "/api/ce/task" || path == "/api/qualitygates/project_status" ||
                     path == "/api/measures/component" || path == "/api/issues/search";
  if (!known) return sonar_error(404, "Unknown url : " + path);
  if (call.method != "GET") {
    return sonar_error(405, "HTTP method " + call.method + " is not supported by " + path);
  }
  if (path == "/api/ce/task") return serve_task(route.query, store);
  if (path == "/api/qualitygates/project_status") return serve_gate(route.query, store);
  if (path == "/api/measures/component") return serve_measures(route.query, store);
  return serve_issue_search(route.query, store);
}

}  // namespace cib::sim
