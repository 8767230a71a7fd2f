#include "sonar_store.h"

#include <stdexcept>

#include "sonar_issue_generator.h"

namespace cib::sim {
namespace {

// A field the test may write as a string or a number ("pullRequest": 42).
std::string text_field(const Poco::JSON::Object::Ptr& body, const std::string& name) {
  if (!body->has(name) || body->isNull(name)) return "";
  const auto value = body->get(name);
  if (!value.isString() && !value.isNumeric()) {
    throw std::invalid_argument(name + ": expected a string or a number");
  }
  return value.convert<std::string>();
}

int count_field(const Poco::JSON::Object::Ptr& object, const std::string& name) {
  if (!object->has(name)) return 0;
  const auto value = object->get(name);
  if (!value.isInteger() || value.convert<long>() < 0) {
    throw std::invalid_argument(name + ": expected a non-negative integer");
  }
  return value.convert<int>();
}

Poco::JSON::Object::Ptr object_field(const Poco::JSON::Object::Ptr& body, const std::string& name) {
  if (!body->has(name) || body->isNull(name)) return nullptr;
  auto object = body->getObject(name);
  if (object.isNull()) throw std::invalid_argument(name + ": expected an object");
  return object;
}

Poco::JSON::Object::Ptr no_gate() {
  Poco::JSON::Object::Ptr gate = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  gate->set("status", "NONE");
  gate->set("conditions", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  gate->set("ignoredConditions", false);
  return gate;
}

std::vector<Poco::JSON::Object::Ptr> read_issues(const Poco::JSON::Object::Ptr& body,
                                                 const SonarScope& scope) {
  std::vector<Poco::JSON::Object::Ptr> issues;
  if (const auto generate = object_field(body, "generate")) {
    return generate_sonar_issues(scope, count_field(generate, "count"),
                                 static_cast<unsigned>(count_field(generate, "seed")));
  }
  if (!body->has("issues")) return issues;
  const auto array = body->getArray("issues");
  if (array.isNull()) throw std::invalid_argument("issues: expected an array");
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto issue = array->getObject(static_cast<unsigned>(i));
    if (issue.isNull()) {
      throw std::invalid_argument("issues[" + std::to_string(i) + "]: expected an object");
    }
    if (!issue->has("project")) issue->set("project", scope.project);
    issues.push_back(issue);
  }
  return issues;
}

SonarTask read_task(const Poco::JSON::Object::Ptr& body, long number) {
  SonarTask task;
  task.id = "task-" + std::to_string(number);
  const auto script = object_field(body, "task");
  if (!script) return task;
  if (const auto id = text_field(script, "id"); !id.empty()) task.id = id;
  task.pending_polls = count_field(script, "pending_polls");
  task.in_progress_polls = count_field(script, "in_progress_polls");
  if (const auto end = text_field(script, "end"); !end.empty()) task.end = end;
  if (task.end != "SUCCESS" && task.end != "FAILED" && task.end != "CANCELED") {
    throw std::invalid_argument("task.end: expected SUCCESS, FAILED or CANCELED");
  }
  task.error_message = text_field(script, "error_message");
  return task;
}

}  // namespace

std::string scope_key(const SonarScope& scope) {
  if (!scope.pull_request.empty()) return scope.project + "\npr:" + scope.pull_request;
  // The main branch is "main", named or not.
  return scope.project + "\nbranch:" + (scope.branch.empty() ? "main" : scope.branch);
}

std::string SonarTask::status() const {
  if (polls <= pending_polls) return "PENDING";
  if (polls <= pending_polls + in_progress_polls) return "IN_PROGRESS";
  return end;
}

Poco::JSON::Object::Ptr SonarStore::load(const Poco::JSON::Object::Ptr& body) {
  auto analysis = std::make_shared<SonarAnalysis>();
  analysis->scope.project = text_field(body, "project");
  if (analysis->scope.project.empty()) throw std::invalid_argument("project: required");
  analysis->scope.pull_request = text_field(body, "pullRequest");
  analysis->scope.branch = text_field(body, "branch");
  const auto gate = object_field(body, "gate");
  analysis->gate = gate ? gate : no_gate();
  analysis->measures = body->has("measures") ? body->getArray("measures") : nullptr;
  if (body->has("measures") && analysis->measures.isNull()) {
    throw std::invalid_argument("measures: expected an array");
  }
  if (analysis->measures.isNull()) analysis->measures = new Poco::JSON::Array;
  analysis->issues = read_issues(body, analysis->scope);

  std::lock_guard<std::mutex> lock(mutex_);
  const long number = ++loaded_;
  SonarTask task = read_task(body, number);
  analysis->id = text_field(body, "analysisId");
  if (analysis->id.empty()) analysis->id = "analysis-" + std::to_string(number);
  task.analysis_id = analysis->id;
  task.scope = analysis->scope;
  latest_[scope_key(analysis->scope)] = analysis->id;
  analyses_[analysis->id] = analysis;
  tasks_[task.id] = task;

  Poco::JSON::Object::Ptr answer = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  answer->set("analysisId", analysis->id);
  answer->set("taskId", task.id);
  return answer;
}

bool SonarStore::poll_task(const std::string& id, SonarTask& task) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = tasks_.find(id);
  if (found == tasks_.end()) return false;
  ++found->second.polls;
  task = found->second;
  return true;
}

std::shared_ptr<const SonarAnalysis> SonarStore::by_id(const std::string& analysis_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = analyses_.find(analysis_id);
  return found == analyses_.end() ? nullptr : found->second;
}

std::shared_ptr<const SonarAnalysis> SonarStore::by_scope(const SonarScope& scope) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto latest = latest_.find(scope_key(scope));
  if (latest == latest_.end()) return nullptr;
  return analyses_.at(latest->second);
}

bool SonarStore::has_project(const std::string& project) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [id, analysis] : analyses_) {
    if (analysis->scope.project == project) return true;
  }
  return false;
}

void SonarStore::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  loaded_ = 0;
  analyses_.clear();
  latest_.clear();
  tasks_.clear();
}

}  // namespace cib::sim
