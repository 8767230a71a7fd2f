// GitLab commit statuses and the merge requests of a commit.
#include <Poco/JSON/Array.h>

#include <algorithm>
#include <sstream>

#include "endpoints.h"
#include "gitlab_endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

// The StatusStore's (Bitbucket-shaped) view and GitLab's own fields, in GitLab's shape.
Poco::JSON::Object::Ptr render_status(const std::string& sha, const Poco::JSON::Object::Ptr& stored,
                                      const GitlabStatusMeta& meta) {
  const auto finished = cibatch_state_of(meta.host_state) != "INPROGRESS";
  const auto nullable = [](const std::string& text) {
    return text.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(text);
  };
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("id", meta.id);
  out->set("sha", sha);
  out->set("ref", nullable(string_field(stored, "refname")));
  out->set("status", meta.host_state);
  out->set("name", string_field(stored, "key"));
  out->set("target_url", nullable(string_field(stored, "url")));
  out->set("description", nullable(string_field(stored, "description")));
  out->set("created_at", meta.created_at);
  out->set("started_at", meta.host_state == "pending" ? Poco::Dynamic::Var()
                                                      : Poco::Dynamic::Var(meta.created_at));
  out->set("finished_at", finished ? Poco::Dynamic::Var(string_field(stored, "updated_on"))
                                   : Poco::Dynamic::Var());
  out->set("allow_failure", false);
  out->set("coverage", Poco::Dynamic::Var());
  out->set("author", gitlab_author());
  return out;
}

Answer create_status(const GitlabCall& call, StatusStore& statuses, GitlabState& gitlab) {
  const auto body = object_of(call.body);
  // `name` and `context` are aliases; GitLab names an unnamed status "default".
  const std::string name = string_field(body, "name", string_field(body, "context", "default"));
  const std::string host_state = string_field(body, "state");
  Poco::JSON::Object::Ptr fields = new Poco::JSON::Object;
  fields->set("key", name);
  fields->set("name", name);
  fields->set("state", cibatch_state_of(host_state));
  fields->set("host_state", host_state);
  // Only the fields sent: moving a pending or running status on keeps the others.
  for (const auto& [ours, theirs] : {std::pair<const char*, const char*>{"url", "target_url"},
                                     {"description", "description"},
                                     {"refname", "ref"}}) {
    if (body->has(theirs)) fields->set(ours, string_field(body, theirs));
  }
  const auto change = gitlab.post_status(statuses, call.project, call.route.sha, fields);
  if (!change.refusal.empty()) {
    auto refusal = gitlab_error(400, change.refusal);
    refusal.counts_invalid = false;
    return refusal;
  }
  return json_answer(201, render_status(call.route.sha, change.status, change.meta));
}

Answer list_statuses(const GitlabCall& call, const StatusStore& statuses,
                     const GitlabState& gitlab) {
  const auto name_filter = call.route.query.find("name");
  std::vector<std::pair<long, Poco::JSON::Object::Ptr>> by_id;
  for (const auto& stored : statuses.list(call.project, call.route.sha)) {
    const std::string name = string_field(stored, "key");
    if (name_filter != call.route.query.end() && name_filter->second != name) continue;
    const auto meta = gitlab.status_meta(call.project, call.route.sha, name);
    by_id.emplace_back(meta.id, render_status(call.route.sha, stored, meta));
  }
  std::sort(by_id.begin(), by_id.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Poco::JSON::Object::Ptr> all;
  for (const auto& entry : by_id) all.push_back(entry.second);
  return gitlab_paged(call, all);
}

}  // namespace

Answer serve_gitlab_statuses(const GitlabCall& call, StatusStore& statuses, GitlabState& gitlab) {
  if (call.route.endpoint == GitlabEndpoint::kStatusCreate) {
    if (call.method != "POST") return gitlab_error(405, "405 Method Not Allowed");
    return create_status(call, statuses, gitlab);
  }
  if (call.method != "GET") return gitlab_error(405, "405 Method Not Allowed");
  return list_statuses(call, statuses, gitlab);
}

Answer serve_gitlab_merge_requests(const GitlabCall& call, const GitlabState& gitlab) {
  if (call.method != "GET") return gitlab_error(405, "405 Method Not Allowed");
  Poco::JSON::Array merge_requests;
  for (const auto& declared : gitlab.merge_requests(call.project, call.route.sha)) {
    Poco::JSON::Object::Ptr mr = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    mr->set("id", call.project_id * 100000 + declared.iid);
    mr->set("iid", declared.iid);
    mr->set("project_id", call.project_id);
    mr->set("title", "Merge request !" + std::to_string(declared.iid));
    mr->set("state", declared.state);
    mr->set("sha", call.route.sha);
    mr->set("web_url", "https://gitlab.example/" + call.project + "/-/merge_requests/" +
                           std::to_string(declared.iid));
    merge_requests.add(mr);
  }
  Answer answer;
  std::ostringstream body;
  merge_requests.stringify(body);
  answer.body = body.str();
  return answer;
}

}  // namespace cib::sim
