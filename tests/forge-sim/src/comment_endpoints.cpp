#include "endpoints.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

// content.raw is what a comment is; the schema leaves it optional, the host does not.
bool read_raw(const ApiCall& call, std::string& raw) {
  const auto content = body_object(call)->getObject("content");
  if (content.isNull() || !content->has("raw") || !content->get("raw").isString()) return false;
  raw = content->getValue<std::string>("raw");
  return true;
}

Answer serve_comment_item(const ApiCall& call, CommentStore& comments, long pull_request) {
  const Route& route = call.route;
  long id = 0;
  if (!parse_positive_id(route.item, id))
    return error_answer(404, "No such comment: " + route.item);
  if (call.method == "GET") {
    const auto comment = comments.get(route.repo, pull_request, id);
    if (comment.isNull()) return error_answer(404, "No such comment: " + route.item);
    return json_answer(200, comment);
  }
  if (call.method == "PUT") {
    std::string raw;
    if (!read_raw(call, raw)) return error_answer(400, "content.raw: This field is required.");
    const auto comment = comments.update(route.repo, pull_request, id, raw);
    if (comment.isNull()) return error_answer(404, "No such comment: " + route.item);
    return json_answer(200, comment);
  }
  if (call.method == "DELETE") {
    if (!comments.remove(route.repo, pull_request, id)) {
      return error_answer(404, "No such comment: " + route.item);
    }
    Answer answer;
    answer.status = 204;
    return answer;
  }
  return method_not_allowed(call);
}

}  // namespace

Answer serve_comments(const ApiCall& call, CommentStore& comments) {
  const Route& route = call.route;
  long pull_request = 0;
  if (!parse_positive_id(route.pull_request, pull_request)) {
    return error_answer(404, "No such pull request: " + route.pull_request);
  }
  if (route.endpoint == Endpoint::kCommentItem) {
    return serve_comment_item(call, comments, pull_request);
  }
  if (call.method == "GET") return paged_answer(call, comments.list(route.repo, pull_request));
  if (call.method == "POST") {
    std::string raw;
    if (!read_raw(call, raw)) return error_answer(400, "content.raw: This field is required.");
    return json_answer(201, comments.create(route.repo, pull_request, raw));
  }
  return method_not_allowed(call);
}

}  // namespace cib::sim
