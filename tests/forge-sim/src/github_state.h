// What only the GitHub personality keeps: the pull requests a test declared for a commit, the
// history of commit statuses (GitHub lists every one, newest first), the installation tokens
// it issued and the state of its secondary rate limits. The latest status of each context also
// lives in the shared StatusStore, so /_sim/state stays host-neutral.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "github_check_run_store.h"
#include "rate_limiter.h"

namespace cib::sim {

// GitHub refuses the 1001st status of one context on one sha.
inline constexpr std::size_t kMaxStatusesPerContext = 1000;

struct GithubStatus {
  long id = 0;
  std::string state;  // pending, success, failure, error
  std::string context, target_url, description, created_at;
};

enum class GithubTokenKind {
  kPersonal,      // any Bearer the simulator did not issue
  kInstallation,  // an installation token it issued that has not expired
  kBad,           // "ghs_…" it did not issue, or one that expired: 401 Bad credentials
};

// Counts one request in `count` while it is being served.
class InFlightRequest {
 public:
  explicit InFlightRequest(std::atomic<int>& count) : count_(count) { ++count_; }
  ~InFlightRequest() { --count_; }
  InFlightRequest(const InFlightRequest&) = delete;
  InFlightRequest& operator=(const InFlightRequest&) = delete;

 private:
  std::atomic<int>& count_;
};

class GithubState {
 public:
  // `writes_per_minute` 0: no secondary limit on content-creating requests.
  explicit GithubState(int writes_per_minute);

  void declare_pull(const std::string& repo, const std::string& sha, long number);
  std::vector<long> pulls(const std::string& repo, const std::string& sha) const;

  // Issue comments live in the shared CommentStore by issue; GitHub addresses them by id alone.
  void remember_comment(const std::string& repo, long id, long issue);
  // 0 when unknown.
  long issue_of_comment(const std::string& repo, long id) const;

  // Appends a status (sets its id and created_at); false when its context already has
  // kMaxStatusesPerContext statuses on that sha.
  bool add_status(const std::string& repo, const std::string& sha, GithubStatus& status);
  // Newest first.
  std::vector<GithubStatus> statuses(const std::string& repo, const std::string& sha) const;

  // A new installation token valid for `ttl`; `expires_at` gets its expiry (ISO 8601, UTC).
  std::string issue_token(long installation, std::chrono::seconds ttl, std::string& expires_at);
  GithubTokenKind token_kind(const std::string& token) const;
  // The installation a token it issued belongs to (expired or not); 0 for any other token.
  long installation_of(const std::string& token) const;

  // Counts one content-creating request of `identity`; false (and `retry_after_s`) when the
  // writes of the last minute are used up.
  bool take_write(const std::string& identity, int& retry_after_s);

  CheckRunStore check_runs;
  std::atomic<int> in_flight{0};  // API requests being served now

  void reset();

 private:
  using Key = std::pair<std::string, std::string>;  // repo, sha

  mutable std::mutex mutex_;
  std::map<Key, std::vector<long>> pulls_;
  std::map<Key, std::vector<GithubStatus>> statuses_;  // oldest first
  struct IssuedToken {
    long installation = 0;
    std::chrono::steady_clock::time_point expires;
  };
  std::map<std::string, IssuedToken> tokens_;
  std::map<std::pair<std::string, long>, long> comment_issues_;
  long last_status_id_ = 0;
  RateLimiter writes_;
};

}  // namespace cib::sim
