#include "report_store.h"

#include <set>

#include "answer.h"
#include "resource_values.h"

namespace cib::sim {
namespace {

StoreResult failure(int status, const std::string& message) {
  StoreResult result;
  result.status = status;
  result.message = message;
  return result;
}

}  // namespace

ReportStore::ReportStore(bool keep_annotations_on_put)
    : keep_annotations_on_put_(keep_annotations_on_put) {}

StoreResult ReportStore::put_report(const std::string& repo, const std::string& commit,
                                    const std::string& report_id,
                                    const Poco::JSON::Object::Ptr& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto fields = client_fields(body);
  fields->set("external_id", report_id);
  Report* report = find_report(repo, commit, report_id);
  const std::string now = now_iso8601();
  if (report == nullptr) {
    report = &reports_[repo][commit][report_id];
    report->item.external_id = report_id;
    report->item.uuid = new_braced_uuid();
    report->item.created_on = now;
  } else if (!keep_annotations_on_put_) {
    report->annotations.clear();
  }
  report->item.fields_json = to_json(fields);
  report->item.updated_on = now;
  StoreResult result;
  result.values.push_back(render(report->item, "report"));
  return result;
}

Poco::JSON::Object::Ptr ReportStore::get_report(const std::string& repo, const std::string& commit,
                                                const std::string& report_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Report* report = find_report(repo, commit, report_id);
  return report ? render(report->item, "report") : nullptr;
}

bool ReportStore::delete_report(const std::string& repo, const std::string& commit,
                                const std::string& report_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  const Report* report = find_report(repo, commit, report_id);
  if (report == nullptr) return false;
  reports_[repo][commit].erase(report->item.external_id);
  return true;
}

std::vector<Poco::JSON::Object::Ptr> ReportStore::list_reports(const std::string& repo,
                                                               const std::string& commit) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<Poco::JSON::Object::Ptr> all;
  const auto repo_it = reports_.find(repo);
  if (repo_it == reports_.end()) return all;
  const auto commit_it = repo_it->second.find(commit);
  if (commit_it == repo_it->second.end()) return all;
  for (const auto& entry : commit_it->second) all.push_back(render(entry.second.item, "report"));
  return all;
}

StoreResult ReportStore::list_annotations(const std::string& repo, const std::string& commit,
                                          const std::string& report_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Report* report = find_report(repo, commit, report_id);
  if (report == nullptr) return failure(404, "Report " + report_id + " not found");
  StoreResult result;
  for (const auto& entry : report->annotations) {
    result.values.push_back(render(entry.second, "report_annotation"));
  }
  return result;
}

StoreResult ReportStore::upsert_annotations(const std::string& repo, const std::string& commit,
                                            const std::string& report_id,
                                            const Poco::JSON::Array::Ptr& items) {
  std::lock_guard<std::mutex> lock(mutex_);
  Report* report = find_report(repo, commit, report_id);
  if (report == nullptr) return failure(404, "Report " + report_id + " not found");
  if (items->size() > kMaxAnnotationsPerRequest) {
    return failure(400, "At most 100 annotations can be created or updated in one request");
  }
  // Checked before anything changes, so a refused request leaves the report as it was.
  std::vector<std::pair<std::string, Poco::JSON::Object::Ptr>> upserts;
  std::set<std::string> added;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto fields = client_fields(items->getObject(static_cast<unsigned>(i)));
    std::string external_id = string_field(fields, "external_id");
    if (external_id.empty()) external_id = new_braced_uuid();
    if (report->annotations.count(external_id) == 0) added.insert(external_id);
    upserts.emplace_back(external_id, fields);
  }
  if (report->annotations.size() + added.size() > kMaxAnnotationsPerReport) {
    return failure(400, "A report can have at most 1000 annotations");
  }
  StoreResult result;
  for (const auto& [external_id, fields] : upserts) {
    upsert(*report, external_id, fields);
    result.values.push_back(render(report->annotations[external_id], "report_annotation"));
  }
  return result;
}

StoreResult ReportStore::put_annotation(const std::string& repo, const std::string& commit,
                                        const std::string& report_id,
                                        const std::string& annotation_id,
                                        const Poco::JSON::Object::Ptr& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  Report* report = find_report(repo, commit, report_id);
  if (report == nullptr) return failure(404, "Report " + report_id + " not found");
  const Item* existing = find_annotation(*report, annotation_id);
  const std::string external_id = existing ? existing->external_id : annotation_id;
  if (existing == nullptr && report->annotations.size() >= kMaxAnnotationsPerReport) {
    return failure(400, "A report can have at most 1000 annotations");
  }
  upsert(*report, external_id, client_fields(body));
  StoreResult result;
  result.values.push_back(render(report->annotations[external_id], "report_annotation"));
  return result;
}

Poco::JSON::Object::Ptr ReportStore::get_annotation(const std::string& repo,
                                                    const std::string& commit,
                                                    const std::string& report_id,
                                                    const std::string& annotation_id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const Report* report = find_report(repo, commit, report_id);
  if (report == nullptr) return nullptr;
  const Item* item = find_annotation(const_cast<Report&>(*report), annotation_id);
  return item ? render(*item, "report_annotation") : nullptr;
}

bool ReportStore::delete_annotation(const std::string& repo, const std::string& commit,
                                    const std::string& report_id,
                                    const std::string& annotation_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  Report* report = find_report(repo, commit, report_id);
  if (report == nullptr) return false;
  const Item* item = find_annotation(*report, annotation_id);
  if (item == nullptr) return false;
  report->annotations.erase(item->external_id);
  return true;
}

Poco::JSON::Object::Ptr ReportStore::snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  Poco::JSON::Object::Ptr repos = new Poco::JSON::Object;
  for (const auto& [repo, commits] : reports_) {
    Poco::JSON::Object::Ptr by_commit = new Poco::JSON::Object;
    for (const auto& [commit, reports] : commits) {
      Poco::JSON::Object::Ptr by_id = new Poco::JSON::Object;
      for (const auto& [id, report] : reports) {
        auto fields = parse_object(report.item.fields_json);
        Poco::JSON::Object::Ptr annotations = new Poco::JSON::Object;
        for (const auto& [external_id, annotation] : report.annotations) {
          annotations->set(external_id, parse_object(annotation.fields_json));
        }
        fields->set("annotations", annotations);
        by_id->set(id, fields);
      }
      by_commit->set(commit, by_id);
    }
    repos->set(repo, by_commit);
  }
  return repos;
}

void ReportStore::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  reports_.clear();
}

ReportStore::Report* ReportStore::find_report(const std::string& repo, const std::string& commit,
                                              const std::string& id) {
  const auto repo_it = reports_.find(repo);
  if (repo_it == reports_.end()) return nullptr;
  const auto commit_it = repo_it->second.find(commit);
  if (commit_it == repo_it->second.end()) return nullptr;
  auto& reports = commit_it->second;
  const auto by_external_id = reports.find(id);
  if (by_external_id != reports.end()) return &by_external_id->second;
  for (auto& entry : reports) {
    if (entry.second.item.uuid == id) return &entry.second;
  }
  return nullptr;
}

const ReportStore::Report* ReportStore::find_report(const std::string& repo,
                                                    const std::string& commit,
                                                    const std::string& id) const {
  return const_cast<ReportStore*>(this)->find_report(repo, commit, id);
}

ReportStore::Item* ReportStore::find_annotation(Report& report, const std::string& id) {
  const auto by_external_id = report.annotations.find(id);
  if (by_external_id != report.annotations.end()) return &by_external_id->second;
  for (auto& entry : report.annotations) {
    if (entry.second.uuid == id) return &entry.second;
  }
  return nullptr;
}

void ReportStore::upsert(Report& report, const std::string& external_id,
                         Poco::JSON::Object::Ptr fields) {
  fields->set("external_id", external_id);
  Item& item = report.annotations[external_id];
  const std::string now = now_iso8601();
  if (item.uuid.empty()) {
    item.external_id = external_id;
    item.uuid = new_braced_uuid();
    item.created_on = now;
  }
  item.fields_json = to_json(fields);
  item.updated_on = now;
}

Poco::JSON::Object::Ptr ReportStore::render(const Item& item, const char* type) {
  Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  out->set("type", type);
  out->set("uuid", item.uuid);
  out->set("external_id", item.external_id);
  const auto fields = parse_object(item.fields_json);
  for (const auto& name : fields->getNames()) out->set(name, fields->get(name));
  out->set("created_on", item.created_on);
  out->set("updated_on", item.updated_on);
  return out;
}

}  // namespace cib::sim
