#include "providers/bitbucket_cloud/comment_sync.h"

#include "providers/bitbucket_cloud/answers.h"
#include "providers/bitbucket_cloud/bodies.h"
#include "providers/bitbucket_cloud/comment_lookup.h"
#include "providers/bitbucket_cloud/targets.h"
#include "providers/keyed_comment_sync.h"

namespace cib::bitbucket_cloud {

namespace {

// A pull request's comments through the exchange.
class PullRequestComments final : public CommentHost {
 public:
  PullRequestComments(const SlotId& slot, const std::string& api_url, HostExchange& exchange)
      : slot_(slot), api_url_(api_url), exchange_(exchange) {}

  HttpResponse create(const std::string& raw) override {
    create_request_ =
        comment_request("POST", comments_target(slot_.repo, slot_.pr), comment_body(raw));
    return exchange_.send(create_request_);
  }

  std::string created_id(const HttpResponse& response) override {
    try {
      return read_comment(response.body).id;
    } catch (const std::exception& e) {
      throw unreadable_answer(create_request_, response, e.what());
    }
  }

  bool update(const std::string& id, const std::string& raw) override {
    const HttpRequest request =
        comment_request("PUT", comment_target(slot_.repo, slot_.pr, id), comment_body(raw));
    const HttpResponse response = exchange_.send(request, {404, 410});
    if (!is_success(response.status)) return false;
    try {
      return !read_comment(response.body).deleted;
    } catch (const std::exception&) {
      return true;  // the host took the edit; its echo is not needed
    }
  }

  HeldComments list() override {
    return list_keyed_comments(slot_.repo, slot_.pr, api_url_, exchange_);
  }

 private:
  const SlotId& slot_;
  const std::string& api_url_;
  HostExchange& exchange_;
  HttpRequest create_request_;
};

}  // namespace

void sync_comment(const SlotId& slot, const std::string& body, CommentsMode mode,
                  CommentContext context, RemoteState& remote, HostExchange& exchange) {
  PullRequestComments host(slot, context.api_url, exchange);
  sync_keyed_comment(CommentPlace{slot.repo, slot.pr, slot.key}, body, mode, context.index, host,
                     remote);
}

}  // namespace cib::bitbucket_cloud
