// What the simulated SonarQube server holds: analyses per project and pull request (or
// branch), and the compute-engine tasks that produce them, loaded through /_sim/sonar/analysis.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace cib::sim {

// Where an analysis belongs: a pull request, a branch, or (both empty) the main branch.
struct SonarScope {
  std::string project;
  std::string pull_request;
  std::string branch;
};

struct SonarAnalysis {
  std::string id;
  SonarScope scope;
  Poco::JSON::Object::Ptr gate;                 // the "projectStatus" object
  Poco::JSON::Array::Ptr measures;              // [{"metric","value",…}]
  std::vector<Poco::JSON::Object::Ptr> issues;  // in the order search returns them
};

// A task stays PENDING for `pending_polls` polls, then IN_PROGRESS for `in_progress_polls`,
// then ends as `end` (SUCCESS, FAILED or CANCELED; the last two carry `error_message`).
struct SonarTask {
  std::string id;
  std::string analysis_id;
  SonarScope scope;
  int pending_polls = 0;
  int in_progress_polls = 0;
  std::string end = "SUCCESS";
  std::string error_message;
  int polls = 0;  // answered so far, this one included once polled

  std::string status() const;
};

class SonarStore {
 public:
  // Loads one analysis (and its task) from the control body described in the README.
  // Returns {"analysisId","taskId"}; throws std::invalid_argument naming the bad field.
  Poco::JSON::Object::Ptr load(const Poco::JSON::Object::Ptr& body);

  // Counts one poll of the task and returns it as it is now; false when unknown.
  bool poll_task(const std::string& id, SonarTask& task);

  std::shared_ptr<const SonarAnalysis> by_id(const std::string& analysis_id) const;
  std::shared_ptr<const SonarAnalysis> by_scope(const SonarScope& scope) const;
  bool has_project(const std::string& project) const;

  void reset();

 private:
  mutable std::mutex mutex_;
  long loaded_ = 0;
  std::map<std::string, std::shared_ptr<const SonarAnalysis>> analyses_;  // by id
  std::map<std::string, std::string> latest_;  // scope key -> analysis id
  std::map<std::string, SonarTask> tasks_;     // by id
};

// "project\npr:42", "project\nbranch:x"; no branch is "main".
std::string scope_key(const SonarScope& scope);

}  // namespace cib::sim
