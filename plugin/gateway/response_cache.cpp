// The gateway's cache of answers to reads. One mutex guards the memory copy and the file, so
// the file always holds what memory holds (an answer evicted or invalidated in memory is
// deleted from the file in the same write), and the file's size is bounded by the memory cap.
//
// Besides the LRU list, an ordered index by (identity, path) finds what a write touches: the
// written path itself, the paths below it (a range of the index) and its ancestors (one lookup
// each), without visiting other identities' answers.
#include "gateway/response_cache.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <iterator>
#include <list>
#include <mutex>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "gateway/response_cache_file.h"

namespace cib::gw {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr std::size_t kLargestShare = 4;  // an answer may take at most a quarter of the cap

// Headers a 304 carries that replace the kept ones (RFC 9111 §4.3.4 lets it update them).
constexpr const char* kRefreshedHeaders[] = {"ETag", "Last-Modified", "Cache-Control", "Expires",
                                             "Date"};
// Headers that belong to one client's session, never to a shared answer.
constexpr const char* kSessionHeaders[] = {"Set-Cookie", "Set-Cookie2"};

std::string header_of(const Headers& headers, const char* name) {
  for (const auto& [key, value] : headers) {
    if (Poco::icompare(key, name) == 0) return value;
  }
  return "";
}

void remove_header(Headers& headers, const char* name) {
  headers.erase(
      std::remove_if(headers.begin(), headers.end(),
                     [name](const auto& h) { return Poco::icompare(h.first, name) == 0; }),
      headers.end());
}

bool says_no_store(const Headers& headers) {
  for (const auto& [key, value] : headers) {
    if (Poco::icompare(key, "Cache-Control") != 0) continue;
    for (const std::string& directive : Poco::StringTokenizer(
             value, ",",
             Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY)) {
      if (Poco::icompare(directive, "no-store") == 0) return true;
    }
  }
  return false;
}

// The path part of a target, without a trailing '/', so `/a/b/` and `/a/b` are one resource.
std::string resource_path(const std::string& target) {
  std::string path = target.substr(0, target.find('?'));
  if (path.empty()) return "/";
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

// One string per key; each part is length-prefixed, so no choice of characters can make two
// keys collide.
std::string flat_key(const CacheKey& key) {
  std::string flat;
  for (const std::string* part : {&key.identity, &key.target, &key.accept}) {
    flat += std::to_string(part->size()) + ':' + *part;
  }
  return flat;
}

std::int64_t size_of(const CacheKey& key, const CachedAnswer& answer) {
  std::size_t bytes = key.identity.size() + key.target.size() + key.accept.size() +
                      answer.body.size() + answer.etag.size() + answer.last_modified.size();
  for (const auto& [name, value] : answer.headers) bytes += name.size() + value.size();
  return static_cast<std::int64_t>(bytes);
}

}  // namespace

class ResponseCache::Impl {
 public:
  Impl(std::size_t max_bytes, const std::string& sqlite_path, const Clock& clock);

  std::optional<CachedAnswer> find(const CacheKey& key);
  void store(const CacheKey& key, CachedAnswer answer);
  std::optional<CachedAnswer> refresh(const CacheKey& key, const Headers& not_modified);
  std::int64_t invalidate(const std::string& identity, const std::string& written_path);
  CacheCounts counts() const;

 private:
  struct Entry {
    CacheKey key;
    std::string flat;
    std::string path;
    CachedAnswer answer;
    std::int64_t bytes = 0;
  };
  using Lru = std::list<Entry>;
  using PathIndex = std::set<std::tuple<std::string, std::string, std::string>>;

  std::int64_t now_ms() const { return clock_.wall_ns() / kNsPerMs; }
  bool keepable(const Entry& entry) const;
  void insert_front(Entry entry);
  void erase(Lru::iterator it, FileChanges& changes);
  void evict_over_cap(FileChanges& changes);
  void collect_path(const std::string& identity, const std::string& path,
                    std::vector<Lru::iterator>& found) const;
  void collect_below(const std::string& identity, const std::string& path,
                     std::vector<Lru::iterator>& found) const;
  void persist(const FileChanges& changes);
  void load_file();

  const std::int64_t max_bytes_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::unique_ptr<ResponseCacheFile> file_;
  Lru lru_;  // front: the most recently used
  std::unordered_map<std::string, Lru::iterator> by_key_;
  PathIndex by_path_;  // (identity, path, flat key)
  CacheCounts counts_;
};

ResponseCache::Impl::Impl(std::size_t max_bytes, const std::string& sqlite_path, const Clock& clock)
    : max_bytes_(static_cast<std::int64_t>(max_bytes)), clock_(clock) {
  if (sqlite_path.empty()) return;
  file_ = std::make_unique<ResponseCacheFile>(sqlite_path);
  load_file();
}

// Newest first, so the answers kept are the newest that fit; the rest leave the file too.
void ResponseCache::Impl::load_file() {
  FileChanges changes;
  for (FileAnswer& row : file_->load()) {
    Entry entry{row.key, flat_key(row.key), resource_path(row.key.target), std::move(row.answer)};
    entry.bytes = size_of(entry.key, entry.answer);
    if (!keepable(entry) || counts_.bytes + entry.bytes > max_bytes_) {
      changes.dropped.push_back(entry.key);
      continue;
    }
    insert_front(std::move(entry));
    lru_.splice(lru_.end(), lru_, lru_.begin());  // older than every answer loaded before it
  }
  persist(changes);
}

bool ResponseCache::Impl::keepable(const Entry& entry) const {
  return entry.bytes <= max_bytes_ / static_cast<std::int64_t>(kLargestShare) &&
         !says_no_store(entry.answer.headers);
}

void ResponseCache::Impl::insert_front(Entry entry) {
  by_path_.emplace(entry.key.identity, entry.path, entry.flat);
  counts_.bytes += entry.bytes;
  ++counts_.entries;
  lru_.push_front(std::move(entry));
  by_key_[lru_.front().flat] = lru_.begin();
}

void ResponseCache::Impl::erase(Lru::iterator it, FileChanges& changes) {
  by_path_.erase({it->key.identity, it->path, it->flat});
  by_key_.erase(it->flat);
  counts_.bytes -= it->bytes;
  --counts_.entries;
  changes.dropped.push_back(std::move(it->key));
  lru_.erase(it);
}

void ResponseCache::Impl::evict_over_cap(FileChanges& changes) {
  while (counts_.bytes > max_bytes_ && !lru_.empty()) {
    erase(std::prev(lru_.end()), changes);
    ++counts_.evictions;
  }
}

void ResponseCache::Impl::persist(const FileChanges& changes) {
  if (file_ && !file_->write(changes)) ++counts_.file_failures;
}

std::optional<CachedAnswer> ResponseCache::Impl::find(const CacheKey& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = by_key_.find(flat_key(key));
  if (found == by_key_.end()) return std::nullopt;
  lru_.splice(lru_.begin(), lru_, found->second);
  return found->second->answer;
}

void ResponseCache::Impl::store(const CacheKey& key, CachedAnswer answer) {
  for (const char* name : kSessionHeaders) remove_header(answer.headers, name);
  if (answer.etag.empty()) answer.etag = header_of(answer.headers, "ETag");
  if (answer.last_modified.empty()) {
    answer.last_modified = header_of(answer.headers, "Last-Modified");
  }
  Entry entry{key, flat_key(key), resource_path(key.target), std::move(answer)};
  entry.bytes = size_of(entry.key, entry.answer);

  std::lock_guard<std::mutex> lock(mutex_);
  if (entry.answer.fetched_ms == 0) entry.answer.fetched_ms = now_ms();
  FileChanges changes;
  // A newer answer replaces the old one even when it is not kept: the old one is outdated.
  auto found = by_key_.find(entry.flat);
  if (found != by_key_.end()) erase(found->second, changes);
  if (keepable(entry)) {
    insert_front(std::move(entry));
    evict_over_cap(changes);
    changes.kept.emplace_back(&lru_.front().key, &lru_.front().answer);
  }
  persist(changes);
}

std::optional<CachedAnswer> ResponseCache::Impl::refresh(const CacheKey& key,
                                                         const Headers& not_modified) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = by_key_.find(flat_key(key));
  if (found == by_key_.end()) return std::nullopt;
  const Lru::iterator it = found->second;
  CachedAnswer& answer = it->answer;
  for (const char* name : kRefreshedHeaders) {
    const std::string value = header_of(not_modified, name);
    if (value.empty()) continue;
    remove_header(answer.headers, name);
    answer.headers.emplace_back(name, value);
  }
  answer.etag = header_of(answer.headers, "ETag");
  answer.last_modified = header_of(answer.headers, "Last-Modified");
  answer.fetched_ms = now_ms();
  const std::int64_t bytes = size_of(it->key, answer);
  counts_.bytes += bytes - it->bytes;
  it->bytes = bytes;
  CachedAnswer refreshed = answer;
  FileChanges changes;
  if (keepable(*it)) {
    lru_.splice(lru_.begin(), lru_, it);
    evict_over_cap(changes);  // never the refreshed answer: it takes at most a quarter
    changes.kept.emplace_back(&it->key, &it->answer);
  } else {
    erase(it, changes);  // the 304 said no-store, or its headers made it too large
  }
  persist(changes);
  return refreshed;
}

void ResponseCache::Impl::collect_path(const std::string& identity, const std::string& path,
                                       std::vector<Lru::iterator>& found) const {
  for (auto it = by_path_.lower_bound({identity, path, ""});
       it != by_path_.end() && std::get<0>(*it) == identity && std::get<1>(*it) == path; ++it) {
    found.push_back(by_key_.at(std::get<2>(*it)));
  }
}

void ResponseCache::Impl::collect_below(const std::string& identity, const std::string& path,
                                        std::vector<Lru::iterator>& found) const {
  const std::string prefix = path == "/" ? path : path + "/";
  for (auto it = by_path_.lower_bound({identity, prefix, ""});
       it != by_path_.end() && std::get<0>(*it) == identity &&
       std::get<1>(*it).compare(0, prefix.size(), prefix) == 0;
       ++it) {
    found.push_back(by_key_.at(std::get<2>(*it)));
  }
}

std::int64_t ResponseCache::Impl::invalidate(const std::string& identity,
                                             const std::string& written_path) {
  const std::string path = resource_path(written_path);
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Lru::iterator> found;
  collect_path(identity, path, found);
  collect_below(identity, path, found);
  for (std::size_t slash = path.rfind('/'); slash != std::string::npos && slash > 0;
       slash = path.rfind('/', slash - 1)) {
    collect_path(identity, path.substr(0, slash), found);
  }
  if (path != "/") collect_path(identity, "/", found);
  FileChanges changes;
  for (Lru::iterator it : found) erase(it, changes);
  counts_.invalidations += static_cast<std::int64_t>(found.size());
  persist(changes);
  return static_cast<std::int64_t>(found.size());
}

CacheCounts ResponseCache::Impl::counts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return counts_;
}

ResponseCache::ResponseCache(std::size_t max_bytes, const std::string& sqlite_path,
                             const Clock& clock)
    : impl_(std::make_unique<Impl>(max_bytes, sqlite_path, clock)) {}

ResponseCache::~ResponseCache() = default;

std::optional<CachedAnswer> ResponseCache::find(const CacheKey& key) {
  return impl_->find(key);
}

void ResponseCache::store(const CacheKey& key, CachedAnswer answer) {
  impl_->store(key, std::move(answer));
}

std::optional<CachedAnswer> ResponseCache::refresh(const CacheKey& key,
                                                   const Headers& not_modified_headers) {
  return impl_->refresh(key, not_modified_headers);
}

std::int64_t ResponseCache::invalidate(const std::string& identity,
                                       const std::string& written_path) {
  return impl_->invalidate(identity, written_path);
}

CacheCounts ResponseCache::counts() const {
  return impl_->counts();
}

}  // namespace cib::gw
