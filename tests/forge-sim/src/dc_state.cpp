#include "dc_state.h"

namespace cib::sim {
namespace {

bool is_live(const Poco::JSON::Object::Ptr& stored) {
  return !stored.isNull() && !stored->getValue<bool>("deleted");
}

}  // namespace

Poco::JSON::Object::Ptr DcState::create_comment(CommentStore& comments, const std::string& repo,
                                                long pull_request, const std::string& text) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto created = comments.create(repo, pull_request, text);
  versions_[created->getValue<long>("id")] = 0;
  return created;
}

DcCommentChange DcState::update_comment(CommentStore& comments, const std::string& repo,
                                        long pull_request, long id, int expected,
                                        const std::string& text) {
  std::lock_guard<std::mutex> lock(mutex_);
  DcCommentChange change;
  if (!is_live(comments.get(repo, pull_request, id))) {
    change.status = 404;
    return change;
  }
  int& version = versions_[id];
  change.version = version;
  if (expected != version) {
    change.status = 409;
    return change;
  }
  change.comment = comments.update(repo, pull_request, id, text);
  change.version = ++version;
  return change;
}

DcCommentChange DcState::delete_comment(CommentStore& comments, const std::string& repo,
                                        long pull_request, long id, int expected) {
  std::lock_guard<std::mutex> lock(mutex_);
  DcCommentChange change;
  if (!is_live(comments.get(repo, pull_request, id))) {
    change.status = 404;
    return change;
  }
  change.version = versions_[id];
  if (expected != change.version) {
    change.status = 409;
    return change;
  }
  comments.remove(repo, pull_request, id);
  change.status = 204;
  return change;
}

int DcState::version(long comment_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = versions_.find(comment_id);
  return found == versions_.end() ? 0 : found->second;
}

void DcState::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  versions_.clear();
}

}  // namespace cib::sim
