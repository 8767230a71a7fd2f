// GitHub check runs: each with its fields and the annotations appended to it, request after
// request (GitHub never replaces or removes an annotation of a check run).
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace cib::sim {

struct CheckRun {
  long id = 0;
  std::string repo, head_sha, name, external_id, details_url;
  std::string status = "queued";  // queued, in_progress, completed (and GitHub's others)
  std::string conclusion;         // empty until completed
  std::string started_at, completed_at;
  std::string title, summary, text;  // output
  std::vector<Poco::JSON::Object::Ptr> annotations;
};

class CheckRunStore {
 public:
  // The new run from a schema-checked create body; its output annotations are its first ones.
  CheckRun create(const std::string& repo, const Poco::JSON::Object::Ptr& body);

  // Applies the fields `body` holds and appends its output annotations; nullopt when unknown.
  std::optional<CheckRun> update(const std::string& repo, long id,
                                 const Poco::JSON::Object::Ptr& body);

  std::optional<CheckRun> get(const std::string& repo, long id) const;

  // Oldest first.
  std::vector<CheckRun> of_commit(const std::string& repo, const std::string& sha) const;

  void reset();

 private:
  static void apply(CheckRun& run, const Poco::JSON::Object::Ptr& body);

  mutable std::mutex mutex_;
  long last_id_ = 0;
  std::map<long, CheckRun> runs_;
};

// GitHub's rule a create or update body must meet beyond its schema: a completed run needs a
// conclusion. Empty when met, else GitHub's message.
std::string check_run_refusal(const Poco::JSON::Object::Ptr& body, const CheckRun* current);

}  // namespace cib::sim
