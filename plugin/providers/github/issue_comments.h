// A pull request's conversation (issue comments) as keyed comments need them
// (providers/keyed_comment_sync.h): create, edit in place (PATCH), and list them all to find
// markers after a restart.
#pragma once

#include <cstdint>
#include <string>

#include "providers/comment_index.h"
#include "providers/github/github_exchange.h"
#include "providers/keyed_comment_sync.h"

namespace cib::github {

// Lists the pull request's issue comments (100 a page, oldest first, following the Link
// header's rel="next") and returns its keyed ones; the oldest wins when two carry the same key.
// A pull request the host does not know holds none. Stops after 100 pages (10,000 comments).
HeldComments list_keyed_comments(const std::string& repo, std::int64_t pr,
                                 const std::string& api_url, GithubExchange& exchange);

class IssueComments final : public CommentHost {
 public:
  IssueComments(const std::string& repo, std::int64_t pr, const std::string& api_url,
                GithubExchange& exchange)
      : repo_(repo), pr_(pr), api_url_(api_url), exchange_(exchange) {}

  HttpResponse create(const std::string& raw) override;
  std::string created_id(const HttpResponse& response) override;
  bool update(const std::string& id, const std::string& raw) override;  // false on 404
  HeldComments list() override { return list_keyed_comments(repo_, pr_, api_url_, exchange_); }

 private:
  const std::string& repo_;
  std::int64_t pr_;
  const std::string& api_url_;
  GithubExchange& exchange_;
  HttpRequest create_request_;
};

}  // namespace cib::github
