// What this provider learned about the keyed comments of the pull requests it looked up: marker
// key -> comment id and a digest of the comment's text. A slot that arrives without knowing its
// comment (a new agent, a spool that never saw it) asks here before it lists the PR's comments,
// so a PR is listed once per provider however many keys it carries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace cib {

// One comment the host holds under a marker key.
struct HeldComment {
  std::string id;
  std::string text_digest;  // sha256_hex of the comment's raw text
};

// Marker key -> comment, for every keyed comment of one PR.
using HeldComments = std::map<std::string, HeldComment>;

// Bounded: beyond `max_prs` pull requests the least recently used one is forgotten (and listed
// again if it is needed again). Thread-safe.
class CommentIndex {
 public:
  explicit CommentIndex(std::size_t max_prs = 1000);

  // Whether the PR's comments were listed (and not forgotten since).
  bool knows(const std::string& repo, std::int64_t pr);

  // The comment held under `key`. std::nullopt when the PR was listed without it, or was never
  // listed (ask knows() first).
  std::optional<HeldComment> find(const std::string& repo, std::int64_t pr, const std::string& key);

  // Replaces what is known about the PR with a complete listing.
  void store(const std::string& repo, std::int64_t pr, HeldComments comments);

  // Records a comment this process created or edited. Ignored for a PR that was not listed:
  // one known key says nothing about the others.
  void remember(const std::string& repo, std::int64_t pr, const std::string& key,
                HeldComment comment);

  // The comment under `key` is gone (404, 410, deleted).
  void forget(const std::string& repo, std::int64_t pr, const std::string& key);

  std::size_t size();  // PRs known

 private:
  using PrKey = std::pair<std::string, std::int64_t>;
  struct Entry {
    HeldComments comments;
    std::list<PrKey>::iterator recency;
  };

  // The PR's entry, marked most recently used; nullptr when unknown. Call with mutex_ held.
  Entry* touch(const PrKey& pr);

  const std::size_t max_prs_;
  std::mutex mutex_;
  std::list<PrKey> recency_;  // most recently used first
  std::map<PrKey, Entry> entries_;
};

}  // namespace cib
