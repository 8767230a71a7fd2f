// The answers of GitHub reads this provider made, by target, with their ETag: a read of the same
// target asks `If-None-Match` and a 304 re-uses the remembered answer (GitHub sends no body and
// does not count a 304 against the rate limit).
#pragma once

#include <cstddef>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "transport/http_types.h"

namespace cib::github {

// Target -> the last 200 answer that carried an ETag. Bounded: beyond `max_entries` the least
// recently used one is forgotten. Thread-safe.
class EtagCache {
 public:
  explicit EtagCache(std::size_t max_entries = 500) : max_entries_(max_entries) {}

  // The remembered answer for `target` (its ETag in the ETag header), marked recently used.
  std::optional<HttpResponse> find(const std::string& target);
  // Remembers a 200 answer; one without an ETag is not kept (and forgets an older one).
  void store(const std::string& target, const HttpResponse& response);
  std::size_t size();

 private:
  struct Entry {
    HttpResponse response;
    std::list<std::string>::iterator recency;
  };
  const std::size_t max_entries_;
  std::mutex mutex_;
  std::list<std::string> recency_;  // most recently used first
  std::map<std::string, Entry> entries_;
};

}  // namespace cib::github
