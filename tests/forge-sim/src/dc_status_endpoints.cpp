// Bitbucket Data Center build statuses: /api/latest/.../commits/{sha}/builds (7.4 and later)
// and the legacy /build-status/1.0/commits/{sha}. The legacy path names no repository, so its
// statuses are filed under the repository "*" (see the README).
#include "dc_endpoints.h"
#include "endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

constexpr const char* kLegacyRepo = "*";

// cibatch's word for a DC state: CANCELLED -> STOPPED, the others are the same.
std::string cibatch_state_of(const std::string& dc_state) {
  return dc_state == "CANCELLED" ? "STOPPED" : dc_state;
}

// The inverse: every DC state has its own cibatch word.
std::string dc_state_of(const std::string& cibatch_state) {
  return cibatch_state == "STOPPED" ? "CANCELLED" : cibatch_state;
}

std::string repo_of(const DcCall& call) {
  return call.route.endpoint == DcEndpoint::kLegacyBuilds ? kLegacyRepo : call.route.repo;
}

// The StatusStore's view in DC's RestBuildStatus shape.
Poco::JSON::Object::Ptr render_build(const Poco::JSON::Object::Ptr& stored, bool legacy) {
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("key", string_field(stored, "key"));
  out->set("state", dc_state_of(string_field(stored, "state")));
  out->set("url", string_field(stored, "url"));
  for (const auto& [theirs, ours] : {std::pair<const char*, const char*>{"name", "name"},
                                     {"description", "description"},
                                     {"ref", "refname"}}) {
    const auto value = string_field(stored, ours);
    if (!value.empty()) out->set(theirs, value);
  }
  const auto created = dc_epoch_ms(string_field(stored, "created_on"));
  out->set(legacy ? "dateAdded" : "createdDate", created);
  if (!legacy) out->set("updatedDate", dc_epoch_ms(string_field(stored, "updated_on")));
  return out;
}

Answer post_build(const DcCall& call, StatusStore& statuses) {
  const auto body = object_of(call.body);
  for (const char* required : {"key", "state", "url"}) {
    if (string_field(body, required).empty()) {
      return dc_error(400, std::string("The build status ") + required + " is required.");
    }
  }
  const std::string dc_state = string_field(body, "state");
  Poco::JSON::Object::Ptr fields = new Poco::JSON::Object;
  fields->set("key", string_field(body, "key"));
  fields->set("name", string_field(body, "name"));
  fields->set("state", cibatch_state_of(dc_state));
  fields->set("host_state", dc_state);
  fields->set("url", string_field(body, "url"));
  fields->set("description", string_field(body, "description"));
  fields->set("refname", string_field(body, "ref"));
  statuses.post(repo_of(call), call.route.sha, fields);
  return dc_no_content();
}

Answer get_builds(const DcCall& call, const StatusStore& statuses) {
  const bool legacy = call.route.endpoint == DcEndpoint::kLegacyBuilds;
  const std::string key = call.route.param("key");
  if (!legacy && !key.empty()) {
    const auto stored = statuses.get(repo_of(call), call.route.sha, key);
    if (stored.isNull()) {
      return dc_error_named(404, "No build status with key " + key + " on " + call.route.sha,
                            "com.atlassian.bitbucket.build.status.NoSuchBuildStatusException");
    }
    return json_answer(200, render_build(stored, false));
  }
  std::vector<Poco::JSON::Object::Ptr> all;
  for (const auto& stored : statuses.list(repo_of(call), call.route.sha)) {
    all.push_back(render_build(stored, legacy));
  }
  return dc_paged(call, all);
}

}  // namespace

Answer serve_dc_builds(const DcCall& call, StatusStore& statuses) {
  if (call.method == "POST") return post_build(call, statuses);
  if (call.method == "GET") return get_builds(call, statuses);
  return dc_method_not_allowed(call);
}

}  // namespace cib::sim
