#include "providers/github/pull_lookup.h"

#include "providers/github/targets.h"
#include "providers/json_answers.h"

namespace cib::github {

std::int64_t pull_request_of(const std::string& repo, const std::string& commit,
                             CommitThreadCache& cache, GithubExchange& exchange) {
  if (const auto known = cache.find(repo, commit)) return *known;
  const std::string target = commit_pulls_target(repo, commit);
  const HttpResponse response = exchange.read(target);
  std::int64_t newest = 0;
  try {
    for (const NumberedThread& pull : read_threads(response.body, "number")) {
      if (pull.state == "open" && pull.number > newest) newest = pull.number;
    }
  } catch (const std::exception& e) {
    throw unreadable_answer(github_request("GET", target), response, e.what());
  }
  if (newest == 0) {
    throw HostError(404, "GET " + target + ": commit " + commit +
                             " has no open pull request; without a GitHub App a report is a "
                             "pull request comment, so it cannot be shown");
  }
  cache.store(repo, commit, newest);
  return newest;
}

}  // namespace cib::github
