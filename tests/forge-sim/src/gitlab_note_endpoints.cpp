// GitLab merge request notes, kept in the shared CommentStore (the iid as the pull request).
// A deleted note is gone for the API (404, not listed); /_sim/state still shows it deleted.
#include <algorithm>

#include "endpoints.h"
#include "gitlab_endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

// The CommentStore's (Bitbucket-shaped) comment in GitLab's note shape.
Poco::JSON::Object::Ptr render_note(const GitlabCall& call, long iid,
                                    const Poco::JSON::Object::Ptr& stored) {
  Poco::JSON::Object::Ptr note = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  note->set("id", stored->getValue<long>("id"));
  note->set("type", Poco::Dynamic::Var());
  note->set("body", string_field(stored->getObject("content"), "raw"));
  note->set("attachment", Poco::Dynamic::Var());
  note->set("author", gitlab_author());
  note->set("created_at", string_field(stored, "created_on"));
  note->set("updated_at", string_field(stored, "updated_on"));
  note->set("system", false);
  note->set("noteable_id", call.project_id * 100000 + iid);
  note->set("noteable_type", "MergeRequest");
  note->set("project_id", call.project_id);
  note->set("resolvable", false);
  note->set("confidential", false);
  note->set("internal", false);
  note->set("noteable_iid", iid);
  return note;
}

bool is_live(const Poco::JSON::Object::Ptr& stored) {
  return !stored.isNull() && !stored->getValue<bool>("deleted");
}

Answer list_notes(const GitlabCall& call, CommentStore& comments, long iid) {
  const auto& query = call.route.query;
  const auto order_by = query.count("order_by") ? query.at("order_by") : "created_at";
  const bool ascending = query.count("sort") && query.at("sort") == "asc";
  std::vector<Poco::JSON::Object::Ptr> notes;
  for (const auto& stored : comments.list(call.project, iid)) {
    if (is_live(stored)) notes.push_back(render_note(call, iid, stored));
  }
  // Ids grow with creation, so they order created_at exactly (timestamps may tie).
  const auto key = [&](const Poco::JSON::Object::Ptr& note) {
    return std::make_pair(
        order_by == "updated_at" ? note->getValue<std::string>("updated_at") : std::string(),
        note->getValue<long>("id"));
  };
  std::stable_sort(notes.begin(), notes.end(), [&](const auto& a, const auto& b) {
    return ascending ? key(a) < key(b) : key(b) < key(a);
  });
  return gitlab_paged(call, notes);
}

Answer serve_note(const GitlabCall& call, CommentStore& comments, long iid) {
  long id = 0;
  if (!parse_positive_id(call.route.note, id)) return gitlab_error(404, "404 Note Not Found");
  if (!is_live(comments.get(call.project, iid, id))) return gitlab_error(404, "404 Note Not Found");
  if (call.method == "GET") {
    return json_answer(200, render_note(call, iid, comments.get(call.project, iid, id)));
  }
  if (call.method == "PUT") {
    const auto body = string_field(object_of(call.body), "body");
    const auto updated = comments.update(call.project, iid, id, body);
    if (updated.isNull()) return gitlab_error(404, "404 Note Not Found");
    return json_answer(200, render_note(call, iid, updated));
  }
  if (call.method == "DELETE") {
    if (!comments.remove(call.project, iid, id)) return gitlab_error(404, "404 Note Not Found");
    Answer answer;
    answer.status = 204;
    return answer;
  }
  return gitlab_error(405, "405 Method Not Allowed");
}

}  // namespace

Answer serve_gitlab_notes(const GitlabCall& call, CommentStore& comments) {
  long iid = 0;
  if (!parse_positive_id(call.route.merge_request, iid)) return gitlab_error(404, "404 Not found");
  if (call.route.endpoint == GitlabEndpoint::kNoteItem) return serve_note(call, comments, iid);
  if (call.method == "GET") return list_notes(call, comments, iid);
  if (call.method == "POST") {
    const auto body = string_field(object_of(call.body), "body");
    return json_answer(201, render_note(call, iid, comments.create(call.project, iid, body)));
  }
  return gitlab_error(405, "405 Method Not Allowed");
}

}  // namespace cib::sim
