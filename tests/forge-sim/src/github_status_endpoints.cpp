// GitHub commit statuses: every POST adds one (GitHub keeps them all and lists them newest
// first); the combined status is the latest of each context.
#include <set>

#include "endpoints.h"
#include "github_endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

constexpr std::size_t kMaxStatusDescription = 140;  // characters; cibatch sends ASCII-safe text

// cibatch's word for GitHub's state, as /_sim/state shows it.
std::string cibatch_state_of_github(const std::string& state) {
  if (state == "pending") return "INPROGRESS";
  if (state == "success") return "SUCCESSFUL";
  if (state == "failure") return "FAILED";
  return "STOPPED";  // error
}

Poco::JSON::Object::Ptr render_status(const GithubCall& call, const GithubStatus& status) {
  const auto nullable = [](const std::string& text) {
    return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
  };
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("url",
           github_api_url(call) + "/repos/" + call.route.repo + "/statuses/" + call.route.ref);
  out->set("id", status.id);
  out->set("node_id", "SC_" + std::to_string(status.id));
  out->set("state", status.state);
  out->set("description", nullable(status.description));
  out->set("target_url", nullable(status.target_url));
  out->set("context", status.context);
  out->set("created_at", status.created_at);
  out->set("updated_at", status.created_at);
  out->set("creator", github_user());
  return out;
}

Answer create_status(const GithubCall& call, StatusStore& statuses, GithubState& github) {
  const auto body = object_of(call.body);
  GithubStatus status;
  status.state = string_field(body, "state");
  status.context = string_field(body, "context", "default");
  status.target_url = string_field(body, "target_url");
  status.description = string_field(body, "description");
  if (status.description.size() > kMaxStatusDescription) {
    // GitHub's own check, beyond the description's schema: an invalid body all the same.
    return github_error(422,
                        "Validation Failed: description is too long (maximum is 140 "
                        "characters)");
  }
  if (!github.add_status(call.route.repo, call.route.ref, status)) {
    auto refusal = github_error(
        422, "Validation Failed: This SHA and context has reached the maximum number of statuses.");
    refusal.counts_invalid = false;  // the host's answer to a valid request
    return refusal;
  }
  Poco::JSON::Object::Ptr fields = new Poco::JSON::Object;
  fields->set("key", status.context);
  fields->set("name", status.context);
  fields->set("state", cibatch_state_of_github(status.state));
  fields->set("host_state", status.state);
  fields->set("url", status.target_url);
  fields->set("description", status.description);
  statuses.post(call.route.repo, call.route.ref, fields);
  return json_answer(201, render_status(call, status));
}

// The newest status of each context, newest first.
std::vector<GithubStatus> latest_by_context(const std::vector<GithubStatus>& all) {
  std::set<std::string> seen;
  std::vector<GithubStatus> latest;
  for (const auto& status : all) {
    if (seen.insert(status.context).second) latest.push_back(status);
  }
  return latest;
}

// GitHub's rule: failure if any is error or failure, pending if any is pending or none exist.
std::string combined_state(const std::vector<GithubStatus>& latest) {
  if (latest.empty()) return "pending";
  bool pending = false;
  for (const auto& status : latest) {
    if (status.state == "failure" || status.state == "error") return "failure";
    pending = pending || status.state == "pending";
  }
  return pending ? "pending" : "success";
}

Answer combined_status(const GithubCall& call, const GithubState& github) {
  const auto latest = latest_by_context(github.statuses(call.route.repo, call.route.ref));
  Poco::JSON::Array::Ptr rendered = new Poco::JSON::Array;
  for (const auto& status : latest) rendered->add(render_status(call, status));
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("state", combined_state(latest));
  out->set("statuses", rendered);
  out->set("sha", call.route.ref);
  out->set("total_count", static_cast<int>(latest.size()));
  out->set("commit_url",
           github_api_url(call) + "/repos/" + call.route.repo + "/commits/" + call.route.ref);
  return json_answer(200, out);
}

}  // namespace

Answer serve_github_statuses(const GithubCall& call, StatusStore& statuses, GithubState& github) {
  const auto endpoint = call.route.endpoint;
  const char* allowed = endpoint == GithubEndpoint::kStatusCreate ? "POST" : "GET";
  if (call.method != allowed) return github_error(404, "Not Found");
  if (endpoint == GithubEndpoint::kStatusCreate) return create_status(call, statuses, github);
  if (endpoint == GithubEndpoint::kCombinedStatus) return combined_status(call, github);
  std::vector<Poco::JSON::Object::Ptr> all;
  for (const auto& status : github.statuses(call.route.repo, call.route.ref)) {
    all.push_back(render_status(call, status));
  }
  return github_paged(call, all);
}

Answer serve_github_commit_pulls(const GithubCall& call, const GithubState& github) {
  if (call.method != "GET") return github_error(404, "Not Found");
  std::vector<Poco::JSON::Object::Ptr> pulls;
  for (const long number : github.pulls(call.route.repo, call.route.ref)) {
    Poco::JSON::Object::Ptr pull = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    pull->set("url", github_api_url(call) + "/repos/" + call.route.repo + "/pulls/" +
                         std::to_string(number));
    pull->set("id", 1000000 + number);
    pull->set("number", number);
    pull->set("state", "open");
    pull->set("title", "Pull request #" + std::to_string(number));
    pull->set("html_url",
              "https://github.example/" + call.route.repo + "/pull/" + std::to_string(number));
    pulls.push_back(pull);
  }
  return github_paged(call, pulls);
}

}  // namespace cib::sim
