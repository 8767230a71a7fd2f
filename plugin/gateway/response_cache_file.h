// The response cache's SQLite file (gateway.cache_path): a copy of what the cache keeps in
// memory, written through on every change and read back at start, so cached answers survive a
// restart. Private to the response cache, which serialises every use of it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gateway/response_cache.h"
#include "sqlite/database.h"

namespace cib::gw {

struct FileAnswer {
  CacheKey key;
  CachedAnswer answer;
};

// One write-through: answers kept (replacing any under the same key) and keys dropped. The
// pointers stay valid while the cache's lock is held, which covers the write.
struct FileChanges {
  std::vector<std::pair<const CacheKey*, const CachedAnswer*>> kept;
  std::vector<CacheKey> dropped;
  bool empty() const { return kept.empty() && dropped.empty(); }
};

class ResponseCacheFile {
 public:
  // Opens `path`, creating it 0600 when absent. Throws std::runtime_error naming the file (and
  // gateway.cache_path) when it cannot be opened, is not a SQLite database, or is the database
  // of another program; such a file is left untouched.
  explicit ResponseCacheFile(const std::string& path);
  ResponseCacheFile(const ResponseCacheFile&) = delete;
  ResponseCacheFile& operator=(const ResponseCacheFile&) = delete;

  // Every answer in the file, the most recently fetched first. A row whose headers cannot be
  // read back is deleted and left out.
  std::vector<FileAnswer> load();
  // Applies the changes in one transaction. Returns false (and keeps nothing half-done) when
  // SQLite failed, e.g. a full disk: the memory copy stays the one that counts.
  bool write(const FileChanges& changes);

  const std::string& path() const { return db_->path(); }

 private:
  std::unique_ptr<Database> db_;
  Statement upsert_;
  Statement remove_;
};

}  // namespace cib::gw
