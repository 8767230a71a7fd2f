#include "github_check_run_store.h"

#include <Poco/JSON/Array.h>

#include "resource_values.h"

namespace cib::sim {

CheckRun CheckRunStore::create(const std::string& repo, const Poco::JSON::Object::Ptr& body) {
  CheckRun run;
  run.repo = repo;
  run.head_sha = string_field(body, "head_sha");
  run.name = string_field(body, "name");
  run.started_at = now_iso8601();
  apply(run, body);
  std::lock_guard<std::mutex> lock(mutex_);
  run.id = ++last_id_;
  runs_[run.id] = run;
  return run;
}

std::optional<CheckRun> CheckRunStore::update(const std::string& repo, long id,
                                              const Poco::JSON::Object::Ptr& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = runs_.find(id);
  if (found == runs_.end() || found->second.repo != repo) return std::nullopt;
  if (body->has("name")) found->second.name = string_field(body, "name");
  apply(found->second, body);
  return found->second;
}

std::optional<CheckRun> CheckRunStore::get(const std::string& repo, long id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = runs_.find(id);
  if (found == runs_.end() || found->second.repo != repo) return std::nullopt;
  return found->second;
}

std::vector<CheckRun> CheckRunStore::of_commit(const std::string& repo,
                                               const std::string& sha) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<CheckRun> runs;
  for (const auto& [id, run] : runs_) {
    if (run.repo == repo && run.head_sha == sha) runs.push_back(run);
  }
  return runs;
}

void CheckRunStore::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  runs_.clear();
  last_id_ = 0;
}

void CheckRunStore::apply(CheckRun& run, const Poco::JSON::Object::Ptr& body) {
  for (auto [field, target] :
       {std::pair<const char*, std::string*>{"external_id", &run.external_id},
        {"details_url", &run.details_url},
        {"status", &run.status},
        {"conclusion", &run.conclusion}}) {
    if (body->has(field)) *target = string_field(body, field);
  }
  // A conclusion completes the run, as on GitHub.
  if (!run.conclusion.empty()) run.status = "completed";
  if (run.status == "completed" && run.completed_at.empty()) run.completed_at = now_iso8601();
  const auto output = body->getObject("output");
  if (output.isNull()) return;
  for (auto [field, target] : {std::pair<const char*, std::string*>{"title", &run.title},
                               {"summary", &run.summary},
                               {"text", &run.text}}) {
    if (output->has(field)) *target = string_field(output, field);
  }
  const auto annotations = output->getArray("annotations");
  if (annotations.isNull()) return;
  for (std::size_t i = 0; i < annotations->size(); ++i) {
    run.annotations.push_back(client_fields(annotations->getObject(static_cast<unsigned>(i))));
  }
}

std::string check_run_refusal(const Poco::JSON::Object::Ptr& body, const CheckRun* current) {
  const std::string status =
      string_field(body, "status", current ? current->status : std::string("queued"));
  const bool concluded = body->has("conclusion") || (current && !current->conclusion.empty());
  if (status == "completed" && !concluded) {
    return "Invalid request.\n\nNo subschema in \"anyOf\" matched.\n\"conclusion\" wasn't "
           "supplied.";
  }
  return "";
}

}  // namespace cib::sim
