#include "core/sonar_task_record.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace cib {
namespace {

constexpr int kRecordVersion = 1;

}  // namespace

std::string pull_task_key(const SonarTaskPost& task) {
  const SlotId& id = task.base.id;
  return id.repo + "\n" + id.commit + "\n" + id.key + "\n" + task.task.ce_task_id;
}

std::string encode_pull_task(const SonarTaskPost& task) {
  Poco::JSON::Object record(Poco::JSON_PRESERVE_KEY_ORDER);
  record.set("v", kRecordVersion);
  record.set("repo", task.base.id.repo);
  record.set("commit", task.base.id.commit);
  record.set("id", task.base.id.key);
  record.set("tag", std::to_string(task.base.tag));
  record.set("force", task.base.force);
  record.set("pr", task.pr);
  record.set("ceTaskId", task.task.ce_task_id);
  record.set("projectKey", task.task.project_key);
  record.set("dashboardUrl", task.task.dashboard_url);
  record.set("serverUrl", task.task.server_url);
  record.set("organization", task.task.organization);
  std::ostringstream out;
  record.stringify(out);
  return out.str();
}

std::optional<SonarTaskPost> decode_pull_task(const std::string& text) try {
  Poco::JSON::Parser parser;
  const auto record = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
  if (!record || record->optValue<int>("v", 0) != kRecordVersion) return std::nullopt;
  SonarTaskPost task;
  task.base.id.kind = SlotKind::report;
  task.base.id.repo = record->getValue<std::string>("repo");
  task.base.id.commit = record->getValue<std::string>("commit");
  task.base.id.key = record->getValue<std::string>("id");
  task.base.tag = std::stoull(record->getValue<std::string>("tag"));
  task.base.force = record->getValue<bool>("force");
  task.pr = record->getValue<std::int64_t>("pr");
  task.task.ce_task_id = record->getValue<std::string>("ceTaskId");
  task.task.project_key = record->getValue<std::string>("projectKey");
  task.task.dashboard_url = record->getValue<std::string>("dashboardUrl");
  task.task.server_url = record->getValue<std::string>("serverUrl");
  task.task.organization = record->getValue<std::string>("organization");
  if (task.task.ce_task_id.empty() || task.base.id.repo.empty()) return std::nullopt;
  return task;
} catch (const std::exception&) {
  return std::nullopt;
}

}  // namespace cib
