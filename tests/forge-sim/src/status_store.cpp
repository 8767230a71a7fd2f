#include "status_store.h"

#include "resource_values.h"

namespace cib::sim {

StatusStore::StatusStore(std::string api_url) : api_url_(std::move(api_url)) {}

Poco::JSON::Object::Ptr StatusStore::post(const std::string& repo, const std::string& commit,
                                          const Poco::JSON::Object::Ptr& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string key = string_field(body, "key");
  auto& slot = statuses_[repo][commit];
  const auto existing = slot.find(key);
  Status status;
  status.key = key;
  status.state = string_field(body, "state");
  status.name = string_field(body, "name");
  status.url = string_field(body, "url");
  status.description = string_field(body, "description");
  status.refname = string_field(body, "refname");
  status.host_state = string_field(body, "host_state");
  status.updated_on = now_iso8601();
  status.created_on = existing == slot.end() ? status.updated_on : existing->second.created_on;
  slot[key] = status;
  return render(repo, commit, status);
}

Poco::JSON::Object::Ptr StatusStore::update(const std::string& repo, const std::string& commit,
                                            const std::string& key,
                                            const Poco::JSON::Object::Ptr& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto repo_it = statuses_.find(repo);
  if (repo_it == statuses_.end()) return nullptr;
  const auto commit_it = repo_it->second.find(commit);
  if (commit_it == repo_it->second.end()) return nullptr;
  const auto found = commit_it->second.find(key);
  if (found == commit_it->second.end()) return nullptr;
  Status& status = found->second;
  status.state = string_field(body, "state", status.state);
  status.name = string_field(body, "name", status.name);
  status.url = string_field(body, "url", status.url);
  status.description = string_field(body, "description", status.description);
  status.refname = string_field(body, "refname", status.refname);
  status.updated_on = now_iso8601();
  return render(repo, commit, status);
}

Poco::JSON::Object::Ptr StatusStore::get(const std::string& repo, const std::string& commit,
                                         const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto repo_it = statuses_.find(repo);
  if (repo_it == statuses_.end()) return nullptr;
  const auto commit_it = repo_it->second.find(commit);
  if (commit_it == repo_it->second.end()) return nullptr;
  const auto found = commit_it->second.find(key);
  if (found == commit_it->second.end()) return nullptr;
  return render(repo, commit, found->second);
}

std::vector<Poco::JSON::Object::Ptr> StatusStore::list(const std::string& repo,
                                                       const std::string& commit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Poco::JSON::Object::Ptr> all;
  const auto repo_it = statuses_.find(repo);
  if (repo_it == statuses_.end()) return all;
  const auto commit_it = repo_it->second.find(commit);
  if (commit_it == repo_it->second.end()) return all;
  for (const auto& entry : commit_it->second) all.push_back(render(repo, commit, entry.second));
  return all;
}

Poco::JSON::Object::Ptr StatusStore::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Poco::JSON::Object::Ptr repos = new Poco::JSON::Object;
  for (const auto& [repo, commits] : statuses_) {
    Poco::JSON::Object::Ptr by_commit = new Poco::JSON::Object;
    for (const auto& [commit, keys] : commits) {
      Poco::JSON::Object::Ptr by_key = new Poco::JSON::Object;
      for (const auto& [key, status] : keys) {
        Poco::JSON::Object::Ptr fields = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        fields->set("state", status.state);
        fields->set("name", status.name);
        fields->set("url", status.url);
        fields->set("description", status.description);
        fields->set("refname", status.refname);
        if (!status.host_state.empty()) fields->set("host_state", status.host_state);
        by_key->set(key, fields);
      }
      by_commit->set(commit, by_key);
    }
    repos->set(repo, by_commit);
  }
  return repos;
}

void StatusStore::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  statuses_.clear();
}

Poco::JSON::Object::Ptr StatusStore::render(const std::string& repo, const std::string& commit,
                                            const Status& status) const {
  Poco::JSON::Object::Ptr self = new Poco::JSON::Object;
  self->set("href", api_url_ + repository_path(repo) + "/commit/" + encode_segment(commit) +
                        "/statuses/build/" + encode_segment(status.key));
  Poco::JSON::Object::Ptr links = new Poco::JSON::Object;
  links->set("self", self);

  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("type", "build");
  out->set("key", status.key);
  out->set("state", status.state);
  out->set("name", status.name);
  out->set("url", status.url);
  out->set("description", status.description);
  out->set("refname",
           status.refname.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(status.refname));
  out->set("created_on", status.created_on);
  out->set("updated_on", status.updated_on);
  out->set("links", links);
  return out;
}

}  // namespace cib::sim
