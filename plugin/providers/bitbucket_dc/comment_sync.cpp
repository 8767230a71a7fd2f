#include "providers/bitbucket_dc/comment_sync.h"

#include "providers/bitbucket_dc/answers.h"
#include "providers/bitbucket_dc/bodies.h"
#include "providers/bitbucket_dc/comment_lookup.h"
#include "providers/bitbucket_dc/targets.h"
#include "providers/keyed_comment_sync.h"

namespace cib::bitbucket_dc {

namespace {

constexpr int kStale = 409;
constexpr int kGone = 404;
// How long the core waits at least before it tries an edit that lost two races again.
constexpr std::int64_t kStaleRetryMs = 1000;

// A pull request's comments through the exchange.
class PullRequestComments final : public CommentHost {
 public:
  PullRequestComments(const SlotId& slot, HostExchange& exchange)
      : slot_(slot), exchange_(exchange) {}

  HttpResponse create(const std::string& raw) override {
    create_request_ =
        comment_request("POST", comments_target(slot_.repo, slot_.pr), comment_body(raw));
    return exchange_.send(create_request_);
  }

  std::string created_id(const HttpResponse& response) override {
    const CommentAnswer comment = comment_in(create_request_, response);
    return comment_ref(comment.id, comment.version);
  }

  bool update(const std::string& ref, const std::string& raw) override {
    const CommentRef comment = parse_comment_ref(ref);
    std::int64_t version = comment.version;
    if (version < 0 && !read_version(comment.id, version)) return false;
    HttpResponse response = edit(comment.id, version, raw, {kGone, kStale});
    if (response.status == kStale) {
      // Edited by someone else since: their version, and one more try.
      if (!read_version(comment.id, version)) return false;
      response = edit(comment.id, version, raw, {kGone, kStale});
      if (response.status == kStale) throw stale_again(response);
    }
    if (response.status == kGone) return false;
    updated_ref_ = comment.id;  // the new version, when the answer names it
    try {
      updated_ref_ = comment_ref(comment.id, read_comment(response.body).version);
    } catch (const std::exception&) {
      // the host took the edit; its version is read before the next one
    }
    return true;
  }

  std::string updated_id(const std::string&) override { return updated_ref_; }

  HeldComments list() override { return list_keyed_comments(slot_.repo, slot_.pr, exchange_); }

 private:
  HttpResponse edit(const std::string& id, std::int64_t version, const std::string& raw,
                    std::initializer_list<int> accepted) {
    last_edit_ = comment_request("PUT", comment_target(slot_.repo, slot_.pr, id),
                                 comment_edit_body(raw, version));
    return exchange_.send(last_edit_, accepted);
  }

  // Someone keeps editing the comment: a refusal that passes, retried after a backoff.
  HostError stale_again(const HttpResponse& response) const {
    const HostError error = exchange_.host_error(last_edit_, response);
    return HostError(error.http_status(), error.what(), kStaleRetryMs, true);
  }

  // The comment's current version; false when it is gone.
  bool read_version(const std::string& id, std::int64_t& version) {
    const HttpRequest request = host_request("GET", comment_target(slot_.repo, slot_.pr, id));
    const HttpResponse response = exchange_.send(request, {kGone});
    if (response.status == kGone) return false;
    version = comment_in(request, response).version;
    return true;
  }

  // The comment a 2xx answer holds; HostError when it cannot be read.
  static CommentAnswer comment_in(const HttpRequest& request, const HttpResponse& response) {
    try {
      return read_comment(response.body);
    } catch (const std::exception& e) {
      throw unreadable_answer(request, response, e.what());
    }
  }

  const SlotId& slot_;
  HostExchange& exchange_;
  HttpRequest create_request_;
  HttpRequest last_edit_;
  std::string updated_ref_;
};

}  // namespace

void sync_comment(const SlotId& slot, const std::string& body, CommentsMode mode,
                  CommentIndex& index, RemoteState& remote, HostExchange& exchange) {
  PullRequestComments host(slot, exchange);
  sync_keyed_comment(CommentPlace{slot.repo, slot.pr, slot.key}, body, mode, index, host, remote);
}

}  // namespace cib::bitbucket_dc
