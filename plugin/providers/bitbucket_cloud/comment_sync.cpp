#include "providers/bitbucket_cloud/comment_sync.h"

#include <optional>

#include "providers/bitbucket_cloud/answers.h"
#include "providers/bitbucket_cloud/bodies.h"
#include "providers/bitbucket_cloud/targets.h"
#include "runtime/sha256.h"

namespace cib::bitbucket_cloud {

namespace {

HttpRequest comment_request(const std::string& method, const std::string& target,
                            const std::string& raw) {
  HttpRequest request;
  request.method = method;
  request.target = target;
  request.body = comment_body(raw);
  request.idempotent = method != "POST";
  return request;
}

// The intent goes into RemoteState before the POST leaves: the core persists RemoteState before
// each request, so a process that dies while sending reconciles instead of creating a second
// comment. It is withdrawn only when the request surely made nothing.
void create_comment(const SlotId& slot, const std::string& raw, RemoteState& remote,
                    HostExchange& exchange) {
  const HttpRequest request = comment_request("POST", comments_target(slot.repo, slot.pr), raw);
  remote.create_ambiguous = true;
  HttpResponse response;
  try {
    response = exchange.send(request);
  } catch (const TransportError& e) {
    if (!e.maybe_applied()) remote.create_ambiguous = false;
    throw;
  } catch (const HostError& e) {
    // A 5xx (often a proxy's) does not say whether the comment was made; a 4xx refused it.
    if (e.http_status() < 500) remote.create_ambiguous = false;
    throw;
  } catch (...) {
    remote.create_ambiguous = false;  // refused before sending (superseded, say)
    throw;
  }
  try {
    remote.remote_id = read_comment(response.body).id;
    remote.create_ambiguous = false;
  } catch (const std::exception& e) {
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

// The comment the host holds under the slot's key. After an ambiguous create the PR is listed
// afresh (the create may have landed after an earlier listing); otherwise a listing this
// provider already holds serves every key of the PR.
std::optional<HeldComment> find_by_marker(const SlotId& slot, bool afresh, CommentContext context,
                                          HostExchange& exchange) {
  if (afresh || !context.index.knows(slot.repo, slot.pr)) {
    HeldComments held = list_keyed_comments(slot.repo, slot.pr, context.api_url, exchange);
    const auto found = held.find(slot.key);
    std::optional<HeldComment> result;
    if (found != held.end()) result = found->second;
    context.index.store(slot.repo, slot.pr, std::move(held));
    return result;
  }
  return context.index.find(slot.repo, slot.pr, slot.key);
}

}  // namespace

void sync_comment(const SlotId& slot, const std::string& body, CommentsMode mode,
                  CommentContext context, RemoteState& remote, HostExchange& exchange) {
  const std::string raw = marked_comment(body, slot.key);
  const std::string text_digest = sha256_hex(raw);
  if (mode == CommentsMode::append) {
    create_comment(slot, raw, remote, exchange);
    remote.host_known = true;
    return;
  }
  if (remote.remote_id.empty() && (remote.create_ambiguous || !remote.host_known)) {
    const auto found = find_by_marker(slot, remote.create_ambiguous, context, exchange);
    remote.host_known = true;
    if (found) {
      remote.remote_id = found->id;
      remote.create_ambiguous = false;
      if (found->text_digest == text_digest) return;
    }
  }
  if (!remote.remote_id.empty()) {
    if (update_comment(slot, raw, remote, exchange)) {
      remote.host_known = true;
      context.index.remember(slot.repo, slot.pr, slot.key,
                             HeldComment{remote.remote_id, text_digest});
      return;
    }
    context.index.forget(slot.repo, slot.pr, slot.key);
    remote.remote_id.clear();
  }
  create_comment(slot, raw, remote, exchange);
  remote.host_known = true;
  context.index.remember(slot.repo, slot.pr, slot.key, HeldComment{remote.remote_id, text_digest});
}

}  // namespace cib::bitbucket_cloud
