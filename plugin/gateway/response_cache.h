// Answers to reads, kept for the tools that ask again: in memory under a byte cap (least
// recently used out first) and, with gateway.cache_path, in a SQLite file that survives a
// restart. Keyed by upstream identity, target and Accept, so an answer is never shared across
// accounts. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "runtime/clock.h"
#include "transport/http_types.h"

namespace cib::gw {

struct CacheKey {
  std::string identity;  // the upstream's budget identity (names no secret)
  std::string target;    // path and query below the mount, as the tool sent them
  std::string accept;    // the Accept header ("" when absent)
};

struct CachedAnswer {
  int status = 200;
  Headers headers;              // the host's, hop-by-hop removed, before any rewriting
  std::string body;             // the host's, before any rewriting
  std::string etag;             // ETag, "" when none
  std::string last_modified;    // Last-Modified, "" when none
  std::int64_t fetched_ms = 0;  // wall ms when the host last gave or confirmed it
  std::int64_t ttl_ms = 0;      // fresh while now - fetched_ms < ttl_ms (0: never fresh)

  std::int64_t age_ms(std::int64_t now_ms) const { return now_ms - fetched_ms; }
  bool fresh(std::int64_t now_ms) const { return age_ms(now_ms) < ttl_ms; }
  bool has_validator() const { return !etag.empty() || !last_modified.empty(); }
};

struct CacheCounts {
  std::int64_t entries = 0;
  std::int64_t bytes = 0;
  std::int64_t evictions = 0;
  std::int64_t invalidations = 0;  // entries dropped by writes
  std::int64_t file_failures = 0;  // writes to gateway.cache_path that failed (memory still serves)
};

class ResponseCache {
 public:
  // `max_bytes`: the memory cap (an answer larger than a quarter of it is not kept).
  // `sqlite_path`: "" keeps answers in memory only; else the file (created 0600) that holds
  // them too, read back at start. Throws std::runtime_error naming the file when it cannot be
  // opened.
  ResponseCache(std::size_t max_bytes, const std::string& sqlite_path, const Clock& clock);
  ~ResponseCache();
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  // The kept answer, fresh or not; nullopt when none.
  std::optional<CachedAnswer> find(const CacheKey& key);
  // Keeps (or replaces) an answer; an answer whose headers say Cache-Control: no-store is not
  // kept.
  void store(const CacheKey& key, CachedAnswer answer);
  // The host confirmed the kept answer (304): it is fresh again from now, with the headers the
  // 304 carried (ETag, Last-Modified, Cache-Control, Expires, Date) replacing the kept ones.
  // Returns the refreshed answer, nullopt when it is no longer kept.
  std::optional<CachedAnswer> refresh(const CacheKey& key, const Headers& not_modified_headers);
  // A write to `written_path` (below the mount, no query) of `identity`: drops every kept
  // answer of that identity whose path is the written path, below it, or above it (a list that
  // holds it). Returns how many were dropped.
  std::int64_t invalidate(const std::string& identity, const std::string& written_path);

  CacheCounts counts() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cib::gw
