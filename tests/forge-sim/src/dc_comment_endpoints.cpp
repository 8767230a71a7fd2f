// Bitbucket Data Center pull-request comments (versioned: a PUT or DELETE names the version it
// read, a stale one gets 409) and the pull request's activities, kept in the shared
// CommentStore. A deleted comment is gone for the API (404, no activity); /_sim/state still
// shows it deleted.
#include <Poco/NumberParser.h>

#include <algorithm>

#include "dc_endpoints.h"
#include "endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

constexpr const char* kOutOfDate = "com.atlassian.bitbucket.comment.CommentOutOfDateException";
constexpr const char* kNoSuchComment = "com.atlassian.bitbucket.comment.NoSuchCommentException";
// Every pull request has been opened: its oldest activity, with an id no comment has.
constexpr long kOpenedActivityBase = 1000000000;

bool is_live(const Poco::JSON::Object::Ptr& stored) {
  return !stored.isNull() && !stored->getValue<bool>("deleted");
}

// The CommentStore's (Bitbucket Cloud-shaped) comment in DC's RestComment shape.
Poco::JSON::Object::Ptr render_comment(const Poco::JSON::Object::Ptr& stored, int version) {
  Poco::JSON::Object::Ptr properties = new Poco::JSON::Object;
  properties->set("repositoryId", 1);
  Poco::JSON::Object::Ptr permitted = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  permitted->set("editable", true);
  permitted->set("transitionable", true);
  permitted->set("deletable", true);
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("properties", properties);
  out->set("id", stored->getValue<long>("id"));
  out->set("version", version);
  out->set("text", string_field(stored->getObject("content"), "raw"));
  out->set("author", dc_user());
  out->set("createdDate", dc_epoch_ms(string_field(stored, "created_on")));
  out->set("updatedDate", dc_epoch_ms(string_field(stored, "updated_on")));
  out->set("comments", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  out->set("tasks", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  out->set("severity", "NORMAL");
  out->set("state", "OPEN");
  out->set("permittedOperations", permitted);
  return out;
}

Answer no_such_comment(const std::string& id) {
  return dc_error_named(404, "Comment " + id + " does not exist.", kNoSuchComment);
}

Answer out_of_date(int held) {
  auto answer = dc_error_named(
      409,
      "You are attempting to modify a comment based on out-of-date information (the comment "
      "is at version " +
          std::to_string(held) + ").",
      kOutOfDate);
  return answer;
}

// The `version` a PUT body or a DELETE query names; false when it names none.
bool expected_version(const DcCall& call, int& version) {
  if (call.method == "DELETE")
    return Poco::NumberParser::tryParse(call.route.param("version"), version);
  const auto body = object_of(call.body);
  if (!body->has("version") || !body->get("version").isInteger()) return false;
  version = body->getValue<int>("version");
  return true;
}

Answer serve_comment(const DcCall& call, CommentStore& comments, DcState& dc, long pr) {
  long id = 0;
  if (!parse_positive_id(call.route.item, id)) return no_such_comment(call.route.item);
  const auto& repo = call.route.repo;
  if (call.method == "GET") {
    const auto stored = comments.get(repo, pr, id);
    if (!is_live(stored)) return no_such_comment(call.route.item);
    return json_answer(200, render_comment(stored, dc.version(id)));
  }
  if (call.method != "PUT" && call.method != "DELETE") return dc_method_not_allowed(call);
  int version = 0;
  if (!expected_version(call, version)) {
    return dc_error(400, "The version of the comment is required.");
  }
  const auto change = call.method == "PUT"
                          ? dc.update_comment(comments, repo, pr, id, version,
                                              string_field(object_of(call.body), "text"))
                          : dc.delete_comment(comments, repo, pr, id, version);
  if (change.status == 404) return no_such_comment(call.route.item);
  if (change.status == 409) return out_of_date(change.version);
  if (change.status == 204) return dc_no_content();
  return json_answer(200, render_comment(change.comment, change.version));
}

Poco::JSON::Object::Ptr activity(long id, long long created, const std::string& action) {
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("id", id);
  out->set("createdDate", created);
  out->set("user", dc_user());
  out->set("action", action);
  return out;
}

// Newest first: one COMMENTED activity per live comment (its current text and version), then
// the pull request's OPENED activity.
Answer list_activities(const DcCall& call, const CommentStore& comments, const DcState& dc,
                       long pr) {
  std::vector<Poco::JSON::Object::Ptr> all;
  for (const auto& stored : comments.list(call.route.repo, pr)) {
    if (!is_live(stored)) continue;
    const long id = stored->getValue<long>("id");
    auto commented = activity(id, dc_epoch_ms(string_field(stored, "created_on")), "COMMENTED");
    commented->set("commentAction", "ADDED");
    commented->set("comment", render_comment(stored, dc.version(id)));
    all.push_back(commented);
  }
  std::reverse(all.begin(), all.end());
  all.push_back(activity(kOpenedActivityBase + pr, 0, "OPENED"));
  return dc_paged(call, all);
}

Answer serve_comment_list(const DcCall& call, CommentStore& comments, DcState& dc, long pr) {
  if (call.method == "POST") {
    const auto text = string_field(object_of(call.body), "text");
    if (text.empty()) return dc_error(400, "Please enter a non-empty value for the comment text.");
    return json_answer(201,
                       render_comment(dc.create_comment(comments, call.route.repo, pr, text), 0));
  }
  if (call.method != "GET") return dc_method_not_allowed(call);
  std::vector<Poco::JSON::Object::Ptr> live;
  for (const auto& stored : comments.list(call.route.repo, pr)) {
    if (!is_live(stored)) continue;
    live.push_back(render_comment(stored, dc.version(stored->getValue<long>("id"))));
  }
  return dc_paged(call, live);
}

}  // namespace

Answer serve_dc_comments(const DcCall& call, CommentStore& comments, DcState& dc) {
  long pr = 0;
  if (!parse_positive_id(call.route.pull_request, pr)) {
    return dc_error_named(404, "Pull request " + call.route.pull_request + " does not exist.",
                          "com.atlassian.bitbucket.pull.NoSuchPullRequestException");
  }
  switch (call.route.endpoint) {
    case DcEndpoint::kCommentItem:
      return serve_comment(call, comments, dc, pr);
    case DcEndpoint::kActivities:
      if (call.method != "GET") return dc_method_not_allowed(call);
      return list_activities(call, comments, dc, pr);
    default:
      return serve_comment_list(call, comments, dc, pr);
  }
}

}  // namespace cib::sim
