#include "gitlab_state.h"

#include <Poco/NumberParser.h>

#include "resource_values.h"

namespace cib::sim {
namespace {

// The state machine's event for a wanted state, as GitLab names it in its refusals.
std::string event_of(const std::string& host_state) {
  if (host_state == "pending") return "enqueue";
  if (host_state == "running") return "run";
  if (host_state == "failed") return "drop";
  if (host_state == "canceled") return "cancel";
  if (host_state == "skipped") return "skip";
  return host_state;  // success
}

// Only a pending or running status is moved on; GitLab refuses enqueue from either, run from
// running and skip from running.
bool refused(const std::string& current, const std::string& wanted) {
  if (wanted == "pending") return true;
  return current == "running" && (wanted == "running" || wanted == "skipped");
}

bool in_progress(const std::string& host_state) {
  return host_state == "pending" || host_state == "running";
}

}  // namespace

std::string cibatch_state_of(const std::string& host_state) {
  if (host_state == "pending" || host_state == "running") return "INPROGRESS";
  if (host_state == "success") return "SUCCESSFUL";
  if (host_state == "failed") return "FAILED";
  return "STOPPED";  // canceled, skipped
}

long GitlabState::project_id(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = project_ids_.find(path);
  if (found != project_ids_.end()) return found->second;
  const long id = static_cast<long>(project_ids_.size()) + 1;
  project_ids_[path] = id;
  return id;
}

std::string GitlabState::project_path(const std::string& id_segment) const {
  Poco::Int64 number = 0;
  if (!Poco::NumberParser::tryParse64(id_segment, number)) {
    const auto slash = id_segment.find('/');
    const bool named = slash != std::string::npos && slash > 0 && id_segment.back() != '/';
    return named ? id_segment : "";
  }
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [path, id] : project_ids_) {
    if (id == number) return path;
  }
  return "";
}

void GitlabState::declare_merge_request(const std::string& repo, const std::string& sha,
                                        const GitlabMergeRequest& merge_request) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& list = merge_requests_[{repo, sha}];
  for (auto& known : list) {
    if (known.iid == merge_request.iid) {
      known = merge_request;
      return;
    }
  }
  list.push_back(merge_request);
}

std::vector<GitlabMergeRequest> GitlabState::merge_requests(const std::string& repo,
                                                            const std::string& sha) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = merge_requests_.find({repo, sha});
  return found == merge_requests_.end() ? std::vector<GitlabMergeRequest>{} : found->second;
}

GitlabStatusChange GitlabState::post_status(StatusStore& store, const std::string& repo,
                                            const std::string& sha,
                                            Poco::JSON::Object::Ptr fields) {
  const std::string name = string_field(fields, "key");
  const std::string wanted = string_field(fields, "host_state");
  std::lock_guard<std::mutex> lock(mutex_);
  GitlabStatusChange change;
  auto& meta = statuses_[{repo, sha, name}];
  if (meta.id != 0 && in_progress(meta.host_state)) {
    if (refused(meta.host_state, wanted)) {
      change.refusal =
          "Cannot transition status via :" + event_of(wanted) + " from :" + meta.host_state;
      return change;
    }
    const auto current = store.get(repo, sha, name);
    for (const char* field : {"url", "description", "refname"}) {
      if (!fields->has(field) && current) fields->set(field, string_field(current, field));
    }
  } else {
    meta.id = ++last_status_id_;
    meta.created_at = now_iso8601();
  }
  meta.host_state = wanted;
  change.meta = meta;
  change.status = store.post(repo, sha, fields);
  return change;
}

GitlabStatusMeta GitlabState::status_meta(const std::string& repo, const std::string& sha,
                                          const std::string& name) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = statuses_.find({repo, sha, name});
  return found == statuses_.end() ? GitlabStatusMeta{} : found->second;
}

void GitlabState::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  project_ids_.clear();
  merge_requests_.clear();
  statuses_.clear();
  last_status_id_ = 0;
}

}  // namespace cib::sim
