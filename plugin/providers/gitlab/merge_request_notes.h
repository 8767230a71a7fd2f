// A merge request's notes as keyed comments need them (providers/keyed_comment_sync.h):
// create, edit in place, and list them all to find markers after a restart.
#pragma once

#include <cstdint>
#include <string>

#include "providers/comment_index.h"
#include "providers/host_exchange.h"
#include "providers/keyed_comment_sync.h"

namespace cib::gitlab {

// Lists the merge request's notes (100 a page, oldest first, following X-Next-Page) and returns
// its keyed ones; the oldest wins when two carry the same key. A merge request the host does not
// know holds none. Stops after 100 pages (10,000 notes): keys beyond are not found.
HeldComments list_keyed_notes(const std::string& repo, std::int64_t merge_request,
                              HostExchange& exchange);

class MergeRequestNotes final : public CommentHost {
 public:
  MergeRequestNotes(const std::string& repo, std::int64_t merge_request, HostExchange& exchange)
      : repo_(repo), merge_request_(merge_request), exchange_(exchange) {}

  HttpResponse create(const std::string& raw) override;
  std::string created_id(const HttpResponse& response) override;
  bool update(const std::string& id, const std::string& raw) override;  // false on 404
  HeldComments list() override { return list_keyed_notes(repo_, merge_request_, exchange_); }

 private:
  const std::string& repo_;
  std::int64_t merge_request_;
  HostExchange& exchange_;
  HttpRequest create_request_;
};

}  // namespace cib::gitlab
