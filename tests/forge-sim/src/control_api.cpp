#include "control_api.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StreamCopier.h>
#include <unistd.h>

#include <csignal>
#include <optional>
#include <stdexcept>
#include <utility>

#include "answer.h"

namespace cib::sim {
namespace {

void send(Poco::Net::HTTPServerResponse& response, int status, const std::string& content_type,
          const std::string& body) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response.setContentType(content_type);
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  response.send() << body;
}

void send_json(Poco::Net::HTTPServerResponse& response, int status,
               const Poco::JSON::Object::Ptr& body) {
  send(response, status, "application/json", to_json(body));
}

void send_answer(Poco::Net::HTTPServerResponse& response, const Answer& answer) {
  send(response, answer.status, "application/json", answer.body);
}

Poco::JSON::Object::Ptr ok() {
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("ok", true);
  return body;
}

// Loads a SonarQube analysis and its task (the body is described in the README).
void load_analysis(SimContext& context, const std::string& body,
                   Poco::Net::HTTPServerResponse& response) {
  Poco::JSON::Object::Ptr analysis;
  try {
    analysis = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception& e) {
    return send_answer(response,
                       error_answer(400, "The body is not a JSON object: " + e.message()));
  }
  try {
    return send_json(response, 200, context.sonar.load(analysis));
  } catch (const std::invalid_argument& e) {
    return send_answer(response, error_answer(400, e.what()));
  } catch (const Poco::Exception& e) {
    return send_answer(response, error_answer(400, e.displayText()));
  }
}

// Declares a merge request of a commit for GitLab's commits/{sha}/merge_requests:
// {"repo":"acme/web","sha":"…","iid":42[,"state":"opened"]}.
void declare_merge_request(SimContext& context, const std::string& body,
                           Poco::Net::HTTPServerResponse& response) {
  try {
    const auto declared = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
    GitlabMergeRequest merge_request;
    merge_request.iid = declared->getValue<long>("iid");
    merge_request.state = declared->optValue<std::string>("state", "opened");
    const auto repo = declared->getValue<std::string>("repo");
    const auto sha = declared->getValue<std::string>("sha");
    if (merge_request.iid < 1 || repo.empty() || sha.empty()) {
      return send_answer(response, error_answer(400, "expected repo, sha and a positive iid"));
    }
    context.gitlab.declare_merge_request(repo, sha, merge_request);
  } catch (const Poco::Exception& e) {
    return send_answer(response, error_answer(400, "expected {repo, sha, iid}: " + e.message()));
  }
  send_json(response, 200, ok());
}

// Declares a pull request of a commit for GitHub's commits/{sha}/pulls:
// {"repo":"acme/web","sha":"…","number":7}.
void declare_pull(SimContext& context, const std::string& body,
                  Poco::Net::HTTPServerResponse& response) {
  try {
    const auto declared = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
    const auto number = declared->getValue<long>("number");
    const auto repo = declared->getValue<std::string>("repo");
    const auto sha = declared->getValue<std::string>("sha");
    if (number < 1 || repo.empty() || sha.empty()) {
      return send_answer(response, error_answer(400, "expected repo, sha and a positive number"));
    }
    context.github.declare_pull(repo, sha, number);
  } catch (const Poco::Exception& e) {
    return send_answer(response, error_answer(400, "expected {repo, sha, number}: " + e.message()));
  }
  send_json(response, 200, ok());
}

template <class Value>
std::optional<Value> optional_field(const Poco::JSON::Object::Ptr& object,
                                    const std::string& name) {
  if (!object->has(name)) return std::nullopt;
  return object->getValue<Value>(name);
}

// Adds or changes a repository: {"workspace","slug"[,"description","mainbranch","is_private"]}.
void put_repository(SimContext& context, const std::string& body,
                    Poco::Net::HTTPServerResponse& response) {
  RepositoryChange change;
  try {
    const auto given = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
    change.workspace = given->getValue<std::string>("workspace");
    change.slug = given->getValue<std::string>("slug");
    change.description = optional_field<std::string>(given, "description");
    change.mainbranch = optional_field<std::string>(given, "mainbranch");
    change.is_private = optional_field<bool>(given, "is_private");
  } catch (const Poco::Exception& e) {
    return send_answer(response, error_answer(400, "expected {workspace, slug}: " + e.message()));
  }
  if (change.workspace.empty() || change.slug.empty()) {
    return send_answer(response, error_answer(400, "expected a workspace and a slug"));
  }
  const auto repository = context.repos.put_repository(change);
  auto answer = ok();
  answer->set("full_name", repository.full_name());
  send_json(response, 200, answer);
}

// Adds or changes a pull request: {"repo":"ws/slug"[,"id","title","description","state",
// "source_branch","destination_branch"]}; answers {"ok":true,"id":N}.
void put_pull_request(SimContext& context, const std::string& body,
                      Poco::Net::HTTPServerResponse& response) {
  PullRequestChange change;
  try {
    const auto given = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
    change.repo = given->getValue<std::string>("repo");
    change.id = given->optValue<long>("id", 0);
    change.title = optional_field<std::string>(given, "title");
    change.description = optional_field<std::string>(given, "description");
    change.state = optional_field<std::string>(given, "state");
    change.source_branch = optional_field<std::string>(given, "source_branch");
    change.destination_branch = optional_field<std::string>(given, "destination_branch");
  } catch (const Poco::Exception& e) {
    return send_answer(response, error_answer(400, "expected {repo, …}: " + e.message()));
  }
  try {
    const auto pull_request = context.repos.put_pull_request(change);
    auto answer = ok();
    answer->set("id", pull_request.id);
    send_json(response, 200, answer);
  } catch (const std::invalid_argument& e) {
    send_answer(response, error_answer(400, e.what()));
  }
}

}  // namespace

void serve_control_request(SimContext& context, Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) {
  const std::string path = request.getURI().substr(0, request.getURI().find('?'));
  const std::string name = path.substr(std::string(kControlPrefix).size());
  const std::string& method = request.getMethod();
  std::string body;
  Poco::StreamCopier::copyToString(request.stream(), body);

  if (method == "GET" && name == "state") return send_json(response, 200, context.state.snapshot());
  if (method == "GET" && name == "stats") {
    auto stats = context.log.stats();
    stats->set("in_flight", context.github.in_flight.load());  // API requests being served
    return send_json(response, 200, stats);
  }
  if (method == "GET" && name == "requests") {
    return send(response, 200, "application/x-ndjson", context.log.jsonl());
  }
  if (method == "POST" && name == "sonar/analysis") return load_analysis(context, body, response);
  if (method == "POST" && name == "github/pulls") return declare_pull(context, body, response);
  if (method == "POST" && name == "repositories") return put_repository(context, body, response);
  if (method == "POST" && name == "pullrequests") return put_pull_request(context, body, response);
  if (method == "POST" && name == "gitlab/merge_requests") {
    return declare_merge_request(context, body, response);
  }
  if (method == "POST" && name == "reset") {
    context.state.reset();
    context.gitlab.reset();
    context.dc.reset();
    context.github.reset();
    context.repos.reset();
    context.sonar.reset();
    context.log.reset();
    context.limiter.reset();
    context.faults.rebase(0);
    return send_json(response, 200, ok());
  }
  if (method == "POST" && name == "faults") {
    try {
      auto plan = FaultPlan::parse(body);
      // Counted from here on: the next API request is number 1.
      context.faults.install(std::move(plan), context.log.last_seq());
    } catch (const std::invalid_argument& e) {
      return send_answer(response, error_answer(400, e.what()));
    }
    return send_json(response, 200, ok());
  }
  if (method == "POST" && name == "shutdown") {
    send_json(response, 200, ok());
    // main() waits for this signal; it stops the server and writes the state file.
    ::kill(::getpid(), SIGTERM);
    return;
  }
  send_answer(response, error_answer(404, "Unknown simulator endpoint " + path));
}

}  // namespace cib::sim
