// What only the GitLab personality keeps: numeric project ids, the merge requests a test
// declared for a commit, and each commit status's id and GitLab state. The status fields in
// cibatch's words live in the shared StatusStore, so /_sim/state stays host-neutral.
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "status_store.h"

namespace cib::sim {

struct GitlabMergeRequest {
  long iid = 0;
  std::string state;  // "opened", "merged", "closed"
};

struct GitlabStatusMeta {
  long id = 0;
  std::string host_state;  // pending, running, success, failed, canceled, skipped
  std::string created_at;
};

// The outcome of one POST /statuses/{sha}: either the status now current, or GitLab's refusal
// of the transition ("Cannot transition status via :run from :running").
struct GitlabStatusChange {
  std::string refusal;  // empty when accepted
  GitlabStatusMeta meta;
  Poco::JSON::Object::Ptr status;  // the StatusStore's view, when accepted
};

// cibatch's word for a GitLab state: running -> INPROGRESS, canceled -> STOPPED, ...
std::string cibatch_state_of(const std::string& host_state);

class GitlabState {
 public:
  // The project's numeric id, given on first use.
  long project_id(const std::string& path);

  // The project an id segment names: a path "group/project" or a numeric id given before;
  // empty when it names none.
  std::string project_path(const std::string& id_segment) const;

  void declare_merge_request(const std::string& repo, const std::string& sha,
                             const GitlabMergeRequest& merge_request);
  std::vector<GitlabMergeRequest> merge_requests(const std::string& repo,
                                                 const std::string& sha) const;

  // Applies GitLab's rules: a pending or running status of that name is moved on (or the move
  // refused); a finished or missing one is replaced by a new status with a new id.
  GitlabStatusChange post_status(StatusStore& store, const std::string& repo,
                                 const std::string& sha, Poco::JSON::Object::Ptr fields);

  // Zero id when the status is unknown.
  GitlabStatusMeta status_meta(const std::string& repo, const std::string& sha,
                               const std::string& name) const;

  void reset();

 private:
  using StatusKey = std::tuple<std::string, std::string, std::string>;  // repo, sha, name

  mutable std::mutex mutex_;
  std::map<std::string, long> project_ids_;
  std::map<std::pair<std::string, std::string>, std::vector<GitlabMergeRequest>> merge_requests_;
  std::map<StatusKey, GitlabStatusMeta> statuses_;
  long last_status_id_ = 0;
};

}  // namespace cib::sim
