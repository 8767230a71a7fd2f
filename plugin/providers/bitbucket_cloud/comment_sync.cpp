#include "providers/bitbucket_cloud/comment_sync.h"

#include <optional>
#include <sstream>

#include "providers/bitbucket_cloud/answers.h"
#include "providers/bitbucket_cloud/bodies.h"
#include "providers/bitbucket_cloud/targets.h"

namespace cib::bitbucket_cloud {

namespace {

// A PR with more comments than this is not searched further; the comment is created again.
constexpr int kMaxReconcilePages = 100;

bool holds_marker_line(const std::string& raw, const std::string& marker) {
  std::istringstream lines(raw);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line == marker) return true;
  }
  return false;
}

HttpRequest comment_request(const std::string& method, const std::string& target,
                            const std::string& raw) {
  HttpRequest request;
  request.method = method;
  request.target = target;
  request.body = comment_body(raw);
  request.idempotent = method != "POST";
  return request;
}

// A create that may have reached the host leaves a comment we cannot name yet.
void create_comment(const SlotId& slot, const std::string& raw, RemoteState& remote,
                    HostExchange& exchange) {
  const HttpRequest request = comment_request("POST", comments_target(slot.repo, slot.pr), raw);
  HttpResponse response;
  try {
    response = exchange.send(request);
  } catch (const TransportError& e) {
    if (e.maybe_applied()) remote.create_ambiguous = true;
    throw;
  } catch (const HostError& e) {
    // A 5xx (often a proxy's) does not say whether the comment was made.
    if (e.http_status() >= 500) remote.create_ambiguous = true;
    throw;
  }
  try {
    remote.remote_id = read_comment(response.body).id;
    remote.create_ambiguous = false;
  } catch (const std::exception& e) {
    remote.create_ambiguous = true;
    throw unreadable_answer(request, response, e.what());
  }
}

// False when the remembered comment is gone.
bool update_comment(const SlotId& slot, const std::string& raw, RemoteState& remote,
                    HostExchange& exchange) {
  const HttpRequest request =
      comment_request("PUT", comment_target(slot.repo, slot.pr, remote.remote_id), raw);
  const HttpResponse response = exchange.send(request, {404, 410});
  if (!is_success(response.status)) return false;
  try {
    return !read_comment(response.body).deleted;
  } catch (const std::exception&) {
    return true;  // the host took the edit; its echo is not needed
  }
}

std::optional<CommentAnswer> find_marked_comment(const SlotId& slot, const std::string& marker,
                                                 const std::string& api_url,
                                                 HostExchange& exchange) {
  HttpRequest request;
  request.method = "GET";
  request.target = comments_target(slot.repo, slot.pr) + "?pagelen=100";
  for (int page_count = 0; page_count < kMaxReconcilePages; ++page_count) {
    const HttpResponse response = exchange.send(request);
    CommentPage page;
    try {
      page = read_comment_page(response.body);
      for (const CommentAnswer& comment : page.comments) {
        if (!comment.deleted && holds_marker_line(comment.raw, marker)) return comment;
      }
      if (page.next.empty()) return std::nullopt;
      request.target = target_from_link(page.next, api_url);
    } catch (const std::exception& e) {
      throw unreadable_answer(request, response, e.what());
    }
  }
  return std::nullopt;
}

}  // namespace

std::string comment_marker(const std::string& key) {
  return "[//]: # (cibatch:" + key + ")";
}

std::string marked_comment(const std::string& body, const std::string& key) {
  return body + "\n\n" + comment_marker(key);
}

void sync_comment(const SlotId& slot, const std::string& body, CommentsMode mode,
                  const std::string& api_url, RemoteState& remote, HostExchange& exchange) {
  const std::string raw = marked_comment(body, slot.key);
  if (mode == CommentsMode::append) {
    create_comment(slot, raw, remote, exchange);
    return;
  }
  if (remote.remote_id.empty() && remote.create_ambiguous) {
    if (const auto found = find_marked_comment(slot, comment_marker(slot.key), api_url, exchange)) {
      remote.remote_id = found->id;
      remote.create_ambiguous = false;
      if (found->raw == raw) return;
    }
  }
  if (!remote.remote_id.empty()) {
    if (update_comment(slot, raw, remote, exchange)) return;
    remote.remote_id.clear();
  }
  create_comment(slot, raw, remote, exchange);
}

void post_naive_comment(const SlotId& slot, const std::string& body, HostExchange& exchange) {
  exchange.send(comment_request("POST", comments_target(slot.repo, slot.pr), body));
}

}  // namespace cib::bitbucket_cloud
