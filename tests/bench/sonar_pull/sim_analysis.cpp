#include "sim_analysis.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace cib::bench {
namespace {

constexpr const char* kProject = "bench";

Poco::JSON::Object::Ptr analysis_body(const PullCase& pull_case) {
  Poco::JSON::Object::Ptr task = new Poco::JSON::Object;
  task->set("pending_polls", pull_case.pending_polls);
  task->set("in_progress_polls", pull_case.in_progress_polls);
  Poco::JSON::Object::Ptr generate = new Poco::JSON::Object;
  generate->set("count", pull_case.findings);
  generate->set("seed", 11);
  Poco::JSON::Object::Ptr gate = new Poco::JSON::Object;
  gate->set("status", "OK");
  gate->set("conditions", Poco::JSON::Array());
  Poco::JSON::Array measures;
  for (const auto& [metric, value] : {std::pair{"new_coverage", "84.5"}, {"new_bugs", "0"}}) {
    Poco::JSON::Object measure;
    measure.set("metric", metric);
    measure.set("value", value);
    measures.add(measure);
  }
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("project", kProject);
  body->set("pullRequest", std::to_string(kPullRequest));
  body->set("task", task);
  if (pull_case.findings > 0) {
    body->set("generate", generate);
  } else {
    body->set("issues", Poco::JSON::Array());
  }
  body->set("gate", gate);
  body->set("measures", measures);
  return body;
}

std::string task_id_of(const std::string& answer) {
  try {
    Poco::JSON::Parser parser;
    const auto object = parser.parse(answer).extract<Poco::JSON::Object::Ptr>();
    if (object && object->has("taskId")) return object->getValue<std::string>("taskId");
  } catch (const std::exception&) {
    // Named below with the answer.
  }
  throw std::runtime_error("the simulator did not take the analysis: " + answer);
}

}  // namespace

std::string load_analysis(const test::ForgeSim& sim, const PullCase& pull_case,
                          const std::string& dir) {
  std::ostringstream body;
  analysis_body(pull_case)->stringify(body);
  const std::string task_id = task_id_of(sim.control("POST", "/_sim/sonar/analysis", body.str()));
  const std::string path = dir + "/report-task.txt";
  std::ofstream file(path);
  file << "projectKey=" << kProject << "\nserverUrl=" << sim.origin()
       << "\nserverVersion=10.4.1\ndashboardUrl=" << sim.origin() << "/dashboard?id=" << kProject
       << "&pullRequest=" << kPullRequest << "\nceTaskId=" << task_id
       << "\nceTaskUrl=" << sim.origin() << "/api/ce/task?id=" << task_id << "\n";
  if (!file.flush()) throw std::runtime_error(path + ": cannot be written");
  return path;
}

std::vector<LoggedRequest> logged_requests(const test::ForgeSim& sim) {
  std::vector<LoggedRequest> log;
  for (const auto& line : sim.requests()) {
    LoggedRequest request;
    request.t_ms = line->getValue<std::int64_t>("t_ms");
    request.service = line->getValue<std::string>("service");
    request.method = line->getValue<std::string>("method");
    request.target = line->getValue<std::string>("target");
    request.status = line->isNull("status") ? 0 : line->getValue<int>("status");
    log.push_back(std::move(request));
  }
  return log;
}

std::size_t report_annotations(const test::ForgeSim& sim) {
  Poco::JSON::Object::Ptr at = sim.state()->getObject("reports");
  for (const char* key : {kRepo, kCommit, kReportId}) {
    if (!at.isNull()) at = at->getObject(key);
  }
  if (at.isNull()) throw std::runtime_error("the host holds no report " + std::string(kReportId));
  const auto annotations = at->getObject("annotations");
  return annotations.isNull() ? 0 : annotations->size();
}

}  // namespace cib::bench
