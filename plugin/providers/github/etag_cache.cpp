#include "providers/github/etag_cache.h"

namespace cib::github {

std::optional<HttpResponse> EtagCache::find(const std::string& target) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = entries_.find(target);
  if (found == entries_.end()) return std::nullopt;
  recency_.splice(recency_.begin(), recency_, found->second.recency);
  return found->second.response;
}

void EtagCache::store(const std::string& target, const HttpResponse& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = entries_.find(target);
  if (found != entries_.end()) {
    recency_.erase(found->second.recency);
    entries_.erase(found);
  }
  if (response.header("ETag").empty() || max_entries_ == 0) return;
  if (entries_.size() >= max_entries_) {
    entries_.erase(recency_.back());
    recency_.pop_back();
  }
  recency_.push_front(target);
  entries_.emplace(target, Entry{response, recency_.begin()});
}

std::size_t EtagCache::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace cib::github
