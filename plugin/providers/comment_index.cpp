#include "providers/comment_index.h"

namespace cib {

CommentIndex::CommentIndex(std::size_t max_prs) : max_prs_(max_prs == 0 ? 1 : max_prs) {}

CommentIndex::Entry* CommentIndex::touch(const PrKey& pr) {
  const auto found = entries_.find(pr);
  if (found == entries_.end()) return nullptr;
  recency_.splice(recency_.begin(), recency_, found->second.recency);
  return &found->second;
}

bool CommentIndex::knows(const std::string& repo, std::int64_t pr) {
  std::lock_guard<std::mutex> lock(mutex_);
  return touch({repo, pr}) != nullptr;
}

std::optional<HeldComment> CommentIndex::find(const std::string& repo, std::int64_t pr,
                                              const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const Entry* entry = touch({repo, pr});
  if (entry == nullptr) return std::nullopt;
  const auto found = entry->comments.find(key);
  if (found == entry->comments.end()) return std::nullopt;
  return found->second;
}

void CommentIndex::store(const std::string& repo, std::int64_t pr, HeldComments comments) {
  std::lock_guard<std::mutex> lock(mutex_);
  const PrKey key{repo, pr};
  if (Entry* entry = touch(key)) {
    entry->comments = std::move(comments);
    return;
  }
  if (entries_.size() >= max_prs_) {
    entries_.erase(recency_.back());
    recency_.pop_back();
  }
  recency_.push_front(key);
  entries_.emplace(key, Entry{std::move(comments), recency_.begin()});
}

void CommentIndex::remember(const std::string& repo, std::int64_t pr, const std::string& key,
                            HeldComment comment) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Entry* entry = touch({repo, pr})) entry->comments[key] = std::move(comment);
}

void CommentIndex::forget(const std::string& repo, std::int64_t pr, const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (Entry* entry = touch({repo, pr})) entry->comments.erase(key);
}

std::size_t CommentIndex::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace cib
