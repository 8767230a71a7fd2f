#include "github_state.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

#include <algorithm>

namespace cib::sim {

GithubState::GithubState(int writes_per_minute)
    : writes_(writes_per_minute, std::chrono::seconds(60)) {}

void GithubState::declare_pull(const std::string& repo, const std::string& sha, long number) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& list = pulls_[{repo, sha}];
  if (std::find(list.begin(), list.end(), number) == list.end()) list.push_back(number);
}

std::vector<long> GithubState::pulls(const std::string& repo, const std::string& sha) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = pulls_.find({repo, sha});
  return found == pulls_.end() ? std::vector<long>{} : found->second;
}

void GithubState::remember_comment(const std::string& repo, long id, long issue) {
  std::lock_guard<std::mutex> lock(mutex_);
  comment_issues_[{repo, id}] = issue;
}

long GithubState::issue_of_comment(const std::string& repo, long id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = comment_issues_.find({repo, id});
  return found == comment_issues_.end() ? 0 : found->second;
}

bool GithubState::add_status(const std::string& repo, const std::string& sha,
                             GithubStatus& status) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& list = statuses_[{repo, sha}];
  const auto same_context = std::count_if(
      list.begin(), list.end(), [&](const auto& held) { return held.context == status.context; });
  if (static_cast<std::size_t>(same_context) >= kMaxStatusesPerContext) return false;
  status.id = ++last_status_id_;
  status.created_at = Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%SZ");
  list.push_back(status);
  return true;
}

std::vector<GithubStatus> GithubState::statuses(const std::string& repo,
                                                const std::string& sha) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = statuses_.find({repo, sha});
  if (found == statuses_.end()) return {};
  return std::vector<GithubStatus>(found->second.rbegin(), found->second.rend());
}

std::string GithubState::issue_token(long installation, std::chrono::seconds ttl,
                                     std::string& expires_at) {
  std::string token = "ghs_" + std::to_string(installation) + "_" +
                      Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
  token.erase(std::remove(token.begin(), token.end(), '-'), token.end());
  const auto wall = Poco::Timestamp() + Poco::Timespan(ttl.count(), 0);
  expires_at = Poco::DateTimeFormatter::format(wall, "%Y-%m-%dT%H:%M:%SZ");
  std::lock_guard<std::mutex> lock(mutex_);
  tokens_[token] = {installation, std::chrono::steady_clock::now() + ttl};
  return token;
}

GithubTokenKind GithubState::token_kind(const std::string& token) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = tokens_.find(token);
  if (found == tokens_.end()) {
    return token.rfind("ghs_", 0) == 0 ? GithubTokenKind::kBad : GithubTokenKind::kPersonal;
  }
  return std::chrono::steady_clock::now() < found->second.expires ? GithubTokenKind::kInstallation
                                                                  : GithubTokenKind::kBad;
}

long GithubState::installation_of(const std::string& token) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = tokens_.find(token);
  return found == tokens_.end() ? 0 : found->second.installation;
}

bool GithubState::take_write(const std::string& identity, int& retry_after_s) {
  if (!writes_.enabled()) return true;
  const auto decision = writes_.take(identity, std::chrono::steady_clock::now());
  retry_after_s = decision.retry_after_s;
  return decision.allowed;
}

void GithubState::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  pulls_.clear();
  statuses_.clear();
  tokens_.clear();
  comment_issues_.clear();
  check_runs.reset();
  last_status_id_ = 0;
  writes_.reset();
}

}  // namespace cib::sim
