// The repositories and pull requests the host holds, for the reads polling tools make (a
// workspace's repositories, a repository's pull requests). Host-neutral: Bitbucket Cloud's and
// GitHub's endpoints render the same records in their own shapes.
#pragma once

#include <Poco/Timestamp.h>

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim_options.h"

namespace cib::sim {

// Bitbucket Cloud's words; GitHub shows OPEN as "open" and the others as "closed".
inline constexpr const char* kPullRequestOpen = "OPEN";
inline constexpr const char* kPullRequestMerged = "MERGED";

struct PullRequestRecord {
  long id = 0;
  std::string title;
  std::string description;
  std::string state = kPullRequestOpen;  // OPEN, MERGED, DECLINED or SUPERSEDED
  std::string source_branch;
  std::string destination_branch;
  std::string source_commit;       // 40 hex digits
  std::string destination_commit;  // likewise
  long comment_count = 0;
  Poco::Timestamp created;
  Poco::Timestamp updated;  // moves on with every change, so the answer's ETag does too
};

struct RepositoryRecord {
  long number = 0;  // 1, 2, … in creation order (GitHub's numeric id)
  std::string workspace;
  std::string slug;
  std::string description;
  std::string mainbranch = "main";
  bool is_private = true;
  std::string uuid;  // braced, as Bitbucket Cloud shows it
  Poco::Timestamp created;
  Poco::Timestamp updated;
  std::map<long, PullRequestRecord> pull_requests;  // by id

  std::string full_name() const { return workspace + "/" + slug; }
};

// A change to one repository from the control endpoint; fields left empty are kept.
struct RepositoryChange {
  std::string workspace;
  std::string slug;
  std::optional<std::string> description;
  std::optional<std::string> mainbranch;
  std::optional<bool> is_private;
};

// A change to one pull request (created when its id is 0 or unknown); empty fields are kept.
struct PullRequestChange {
  std::string repo;  // "workspace/slug"; the repository is created when unknown
  long id = 0;       // 0: the repository's next id
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> state;
  std::optional<std::string> source_branch;
  std::optional<std::string> destination_branch;
};

// True for OPEN, MERGED, DECLINED and SUPERSEDED (Bitbucket Cloud's pullrequest.state).
bool is_pull_request_state(const std::string& state);

class RepoStore {
 public:
  explicit RepoStore(std::vector<RepoSeed> seeds);

  // Forgets every change and plants the seeds again.
  void reset();

  // In creation order; an empty workspace means every repository.
  std::vector<RepositoryRecord> repositories(const std::string& workspace = "") const;
  bool has_workspace(const std::string& workspace) const;
  std::optional<RepositoryRecord> repository(const std::string& full_name) const;
  // By id; only those whose state is in `states`.
  std::vector<PullRequestRecord> pull_requests(const std::string& full_name,
                                               const std::set<std::string>& states) const;
  std::optional<PullRequestRecord> pull_request(const std::string& full_name, long id) const;

  RepositoryRecord put_repository(const RepositoryChange& change);
  // Throws std::invalid_argument on a state that is not one of the four.
  PullRequestRecord put_pull_request(const PullRequestChange& change);
  // A write elsewhere touched the pull request (a comment): its `updated` moves on and its
  // comment count by `comment_delta`. Does nothing for an unknown pull request.
  void touch_pull_request(const std::string& full_name, long id, int comment_delta);

 private:
  void plant_seeds();
  RepositoryRecord& repository_for_change(const std::string& workspace, const std::string& slug);
  // Now, but always after the last stamp given, so two changes never share one.
  Poco::Timestamp next_stamp();

  const std::vector<RepoSeed> seeds_;
  mutable std::mutex mutex_;
  std::vector<RepositoryRecord> repositories_;
  std::map<std::string, std::size_t> index_;  // full name -> position in repositories_
  Poco::Timestamp last_stamp_{0};
};

}  // namespace cib::sim
