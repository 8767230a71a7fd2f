// What only the Bitbucket Data Center personality keeps: each comment's version (DC's
// optimistic lock), and one lock that makes an Insights request (several ReportStore calls)
// atomic. The comments, statuses and reports themselves live in the shared stores, so
// /_sim/state stays host-neutral.
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <mutex>
#include <string>

#include "comment_store.h"

namespace cib::sim {

// The outcome of a versioned edit of a comment.
struct DcCommentChange {
  int status = 200;                 // 200/204, 404 (unknown or deleted) or 409 (stale version)
  int version = 0;                  // the version now current (for 409: the one the host holds)
  Poco::JSON::Object::Ptr comment;  // the CommentStore's view, on 200
};

class DcState {
 public:
  // A new comment starts at version 0.
  Poco::JSON::Object::Ptr create_comment(CommentStore& comments, const std::string& repo,
                                         long pull_request, const std::string& text);

  // PUT: `expected` must equal the current version; success bumps it.
  DcCommentChange update_comment(CommentStore& comments, const std::string& repo, long pull_request,
                                 long id, int expected, const std::string& text);

  // DELETE ?version=: `expected` must equal the current version.
  DcCommentChange delete_comment(CommentStore& comments, const std::string& repo, long pull_request,
                                 long id, int expected);

  int version(long comment_id) const;

  // Held by an Insights request for its whole run.
  std::unique_lock<std::mutex> lock_insights() {
    return std::unique_lock<std::mutex>(insights_mutex_);
  }

  void reset();

 private:
  mutable std::mutex mutex_;
  std::map<long, int> versions_;  // comment id -> version
  std::mutex insights_mutex_;
};

}  // namespace cib::sim
