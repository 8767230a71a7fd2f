#include "sonar_pull/sonar_server.h"

#include <Poco/JSON/Parser.h>

#include "runtime/secret_text.h"
#include "transport/url.h"

namespace cib::sonar {
namespace {

constexpr std::size_t kMaxMessage = 300;

std::string param(const std::string& name, const std::string& value) {
  return "&" + name + "=" + encode_query_value(value);
}

std::string scope_params(const SonarScope& scope) {
  if (!scope.pull_request.empty()) return param("pullRequest", scope.pull_request);
  if (!scope.branch.empty()) return param("branch", scope.branch);
  return "";
}

// SonarQube's errors read {"errors":[{"msg":"..."}]}; anything else is not quoted.
std::string server_message(const std::string& body) {
  try {
    Poco::JSON::Parser parser;
    const auto answer = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
    const auto errors = answer ? answer->getArray("errors") : nullptr;
    const auto first = errors && errors->size() > 0 ? errors->getObject(0) : nullptr;
    if (!first || !first->has("msg")) return "";
    std::string message = first->getValue<std::string>("msg");
    if (message.size() > kMaxMessage) message = message.substr(0, kMaxMessage) + "...";
    for (char& c : message) {
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    return message;
  } catch (const std::exception&) {
    return "";
  }
}

std::string text_member(const Poco::JSON::Object::Ptr& object, const std::string& key) {
  return object->has(key) && !object->isNull(key) ? object->getValue<std::string>(key) : "";
}

}  // namespace

SonarServer::SonarServer(const TransportSettings& settings, std::string token,
                         std::string organization)
    : http_(settings),
      authorization_(token.empty() ? "" : basic_authorization(token, "")),
      token_(std::move(token)),
      organization_(std::move(organization)) {}

SonarServer::~SonarServer() = default;

void SonarServer::abort() {
  http_.abort();
}

std::string SonarServer::get(const std::string& endpoint, const std::string& query) {
  HttpRequest request;
  request.method = "GET";
  std::string full_query = query;
  if (!organization_.empty()) full_query += param("organization", organization_);
  request.target = "/" + endpoint + "?" + full_query.substr(full_query.empty() ? 0 : 1);
  if (!authorization_.empty()) request.headers.emplace_back("Authorization", authorization_);
  request.headers.emplace_back("Accept", "application/json");
  request.body_type.clear();
  HttpResponse response;
  try {
    response = http_.send(request);
  } catch (const TransportError& e) {
    throw SonarServerError("SonarQube " + endpoint + ": no answer: " + e.what(), 0,
                           e.kind() != TransportError::Kind::tls);
  }
  if (response.status == 200) return std::move(response.body);
  std::string message = "SonarQube " + endpoint + ": HTTP " + std::to_string(response.status);
  if (response.status == 401 || response.status == 403) {
    message += token_.empty() ? ": the Sonar server wants a token; set sonar.token"
                              : ": the Sonar server refused sonar.token";
  }
  const std::string said = replace_secrets(server_message(response.body), {token_}, "<secret>");
  if (!said.empty()) message += ": " + said;
  const bool retry = response.status >= 500 || response.status == 429;
  throw SonarServerError(message, response.status, retry);
}

CeTask SonarServer::task(const std::string& task_id) {
  const std::string body = get("api/ce/task", param("id", task_id));
  try {
    Poco::JSON::Parser parser;
    const auto answer = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
    const auto object = answer ? answer->getObject("task") : nullptr;
    if (!object) throw SonarServerError("api/ce/task: the answer holds no task", 200, false);
    CeTask task;
    task.status = text_member(object, "status");
    task.analysis_id = text_member(object, "analysisId");
    task.error_message = text_member(object, "errorMessage");
    task.scope.pull_request = text_member(object, "pullRequest");
    task.scope.branch = text_member(object, "branch");
    if (task.status.empty()) {
      throw SonarServerError("api/ce/task: the task has no status", 200, false);
    }
    return task;
  } catch (const SonarServerError&) {
    throw;
  } catch (const std::exception& e) {
    throw SonarServerError(std::string("api/ce/task: unreadable answer: ") + e.what(), 200, false);
  }
}

std::string SonarServer::gate(const std::string& analysis_id) {
  return get("api/qualitygates/project_status", param("analysisId", analysis_id));
}

std::string SonarServer::measures(const std::string& project, const SonarScope& scope,
                                  const std::string& metric_keys) {
  return get("api/measures/component",
             param("component", project) + param("metricKeys", metric_keys) + scope_params(scope));
}

std::string SonarServer::issue_page(const std::string& project, const SonarScope& scope, int page,
                                    int page_size) {
  return get("api/issues/search",
             param("componentKeys", project) + scope_params(scope) + param("resolved", "false") +
                 param("ps", std::to_string(page_size)) + param("p", std::to_string(page)));
}

}  // namespace cib::sonar
