// The repositories and pull requests the host holds (see repo_store.h).
#include "repo_store.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <stdexcept>

#include "resource_values.h"

namespace cib::sim {
namespace {

constexpr std::size_t kCommitHashLength = 40;

// The same pull request always names the same commit, so seeded answers are stable.
std::string commit_of(const std::string& full_name, long id) {
  Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
  sha256.update(full_name + "#" + std::to_string(id));
  return Poco::DigestEngine::digestToHex(sha256.digest()).substr(0, kCommitHashLength);
}

// A pull request as it is opened: from feature/change-ID into the main branch.
PullRequestRecord opened_pull_request(const RepositoryRecord& repository, long id) {
  PullRequestRecord pull_request;
  pull_request.id = id;
  pull_request.title = "Change " + std::to_string(id) + " of " + repository.full_name();
  pull_request.source_branch = "feature/change-" + std::to_string(id);
  pull_request.destination_branch = repository.mainbranch;
  pull_request.source_commit = commit_of(repository.full_name(), id);
  pull_request.destination_commit = commit_of(repository.full_name(), 0);
  return pull_request;
}

template <class Value>
void apply(const std::optional<Value>& change, Value& field) {
  if (change) field = *change;
}

}  // namespace

bool is_pull_request_state(const std::string& state) {
  return state == kPullRequestOpen || state == kPullRequestMerged || state == "DECLINED" ||
         state == "SUPERSEDED";
}

RepoStore::RepoStore(std::vector<RepoSeed> seeds) : seeds_(std::move(seeds)) {
  plant_seeds();
}

void RepoStore::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  repositories_.clear();
  index_.clear();
  plant_seeds();
}

void RepoStore::plant_seeds() {
  for (const auto& seed : seeds_) {
    for (int r = 1; r <= seed.repositories; ++r) {
      auto& repository = repository_for_change(seed.workspace, "repo-" + std::to_string(r));
      for (long id = 1; id <= seed.pull_requests; ++id) {
        auto pull_request = opened_pull_request(repository, id);
        pull_request.created = pull_request.updated = next_stamp();
        repository.pull_requests[id] = pull_request;
      }
    }
  }
}

Poco::Timestamp RepoStore::next_stamp() {
  Poco::Timestamp stamp;
  if (stamp <= last_stamp_) stamp = last_stamp_ + 1;
  last_stamp_ = stamp;
  return stamp;
}

RepositoryRecord& RepoStore::repository_for_change(const std::string& workspace,
                                                   const std::string& slug) {
  const std::string full_name = workspace + "/" + slug;
  const auto found = index_.find(full_name);
  if (found != index_.end()) return repositories_[found->second];
  RepositoryRecord repository;
  repository.number = static_cast<long>(repositories_.size()) + 1;
  repository.workspace = workspace;
  repository.slug = slug;
  repository.uuid = new_braced_uuid();
  repository.created = repository.updated = next_stamp();
  index_[full_name] = repositories_.size();
  repositories_.push_back(repository);
  return repositories_.back();
}

std::vector<RepositoryRecord> RepoStore::repositories(const std::string& workspace) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<RepositoryRecord> listed;
  for (const auto& repository : repositories_) {
    if (workspace.empty() || repository.workspace == workspace) listed.push_back(repository);
  }
  return listed;
}

bool RepoStore::has_workspace(const std::string& workspace) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& repository : repositories_) {
    if (repository.workspace == workspace) return true;
  }
  return false;
}

std::optional<RepositoryRecord> RepoStore::repository(const std::string& full_name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = index_.find(full_name);
  if (found == index_.end()) return std::nullopt;
  return repositories_[found->second];
}

std::vector<PullRequestRecord> RepoStore::pull_requests(const std::string& full_name,
                                                        const std::set<std::string>& states) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<PullRequestRecord> listed;
  const auto found = index_.find(full_name);
  if (found == index_.end()) return listed;
  for (const auto& [id, pull_request] : repositories_[found->second].pull_requests) {
    if (states.count(pull_request.state) != 0) listed.push_back(pull_request);
  }
  return listed;
}

std::optional<PullRequestRecord> RepoStore::pull_request(const std::string& full_name,
                                                         long id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = index_.find(full_name);
  if (found == index_.end()) return std::nullopt;
  const auto& pull_requests = repositories_[found->second].pull_requests;
  const auto pull_request = pull_requests.find(id);
  if (pull_request == pull_requests.end()) return std::nullopt;
  return pull_request->second;
}

RepositoryRecord RepoStore::put_repository(const RepositoryChange& change) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& repository = repository_for_change(change.workspace, change.slug);
  apply(change.description, repository.description);
  apply(change.mainbranch, repository.mainbranch);
  apply(change.is_private, repository.is_private);
  repository.updated = next_stamp();
  return repository;
}

PullRequestRecord RepoStore::put_pull_request(const PullRequestChange& change) {
  if (change.state && !is_pull_request_state(*change.state)) {
    throw std::invalid_argument("state: expected OPEN, MERGED, DECLINED or SUPERSEDED, got \"" +
                                *change.state + "\"");
  }
  const auto slash = change.repo.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == change.repo.size()) {
    throw std::invalid_argument("repo: expected WORKSPACE/SLUG, got \"" + change.repo + "\"");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  auto& repository =
      repository_for_change(change.repo.substr(0, slash), change.repo.substr(slash + 1));
  auto& pull_requests = repository.pull_requests;
  const long id =
      change.id > 0 ? change.id : (pull_requests.empty() ? 1 : pull_requests.rbegin()->first + 1);
  auto& pull_request = pull_requests[id];
  if (pull_request.id == 0) {
    pull_request = opened_pull_request(repository, id);
    pull_request.created = next_stamp();
  }
  apply(change.title, pull_request.title);
  apply(change.description, pull_request.description);
  apply(change.state, pull_request.state);
  apply(change.source_branch, pull_request.source_branch);
  apply(change.destination_branch, pull_request.destination_branch);
  pull_request.updated = next_stamp();
  return pull_request;
}

void RepoStore::touch_pull_request(const std::string& full_name, long id, int comment_delta) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = index_.find(full_name);
  if (found == index_.end()) return;
  auto& pull_requests = repositories_[found->second].pull_requests;
  const auto pull_request = pull_requests.find(id);
  if (pull_request == pull_requests.end()) return;
  pull_request->second.comment_count += comment_delta;
  if (pull_request->second.comment_count < 0) pull_request->second.comment_count = 0;
  pull_request->second.updated = next_stamp();
}

}  // namespace cib::sim
