#include "providers/gitlab/merge_request_lookup.h"

#include "providers/gitlab/answers.h"
#include "providers/gitlab/targets.h"

namespace cib::gitlab {

std::int64_t merge_request_of(const std::string& repo, const std::string& commit,
                              MergeRequestCache& cache, HostExchange& exchange) {
  if (const auto known = cache.find(repo, commit)) return *known;
  HttpRequest request;
  request.method = "GET";
  request.target = commit_merge_requests_target(repo, commit);
  const HttpResponse response = exchange.send(request);
  std::int64_t newest = 0;
  try {
    for (const MergeRequestAnswer& mr : read_merge_requests(response.body)) {
      if (mr.state == "opened" && mr.iid > newest) newest = mr.iid;
    }
  } catch (const std::exception& e) {
    throw unreadable_answer(request, response, e.what());
  }
  if (newest == 0) {
    throw HostError(404, "GET " + request.target + ": commit " + commit +
                             " has no open merge request; on GitLab a report is a merge "
                             "request note, so it cannot be shown");
  }
  cache.store(repo, commit, newest);
  return newest;
}

}  // namespace cib::gitlab
