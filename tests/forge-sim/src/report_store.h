// Code Insights reports per repository and commit, each with its annotations keyed by
// external_id. Reports and annotations are found by external id or by uuid.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace cib::sim {

// Bitbucket Cloud's caps on annotations.
inline constexpr std::size_t kMaxAnnotationsPerRequest = 100;
inline constexpr std::size_t kMaxAnnotationsPerReport = 1000;

struct StoreResult {
  int status = 200;  // 200, or 400/404 with `message`
  std::string message;
  std::vector<Poco::JSON::Object::Ptr> values;
};

class ReportStore {
 public:
  // `keep_annotations_on_put`: whether a PUT of an existing report keeps its annotations.
  explicit ReportStore(bool keep_annotations_on_put);

  // Creates or updates the report; the answer holds it as the only value.
  StoreResult put_report(const std::string& repo, const std::string& commit,
                         const std::string& report_id, const Poco::JSON::Object::Ptr& body);
  Poco::JSON::Object::Ptr get_report(const std::string& repo, const std::string& commit,
                                     const std::string& report_id) const;
  bool delete_report(const std::string& repo, const std::string& commit,
                     const std::string& report_id);
  std::vector<Poco::JSON::Object::Ptr> list_reports(const std::string& repo,
                                                    const std::string& commit) const;

  // 404 when the report does not exist.
  StoreResult list_annotations(const std::string& repo, const std::string& commit,
                               const std::string& report_id) const;
  // Bulk create-or-update by external_id; all or nothing.
  StoreResult upsert_annotations(const std::string& repo, const std::string& commit,
                                 const std::string& report_id, const Poco::JSON::Array::Ptr& items);
  StoreResult put_annotation(const std::string& repo, const std::string& commit,
                             const std::string& report_id, const std::string& annotation_id,
                             const Poco::JSON::Object::Ptr& body);
  Poco::JSON::Object::Ptr get_annotation(const std::string& repo, const std::string& commit,
                                         const std::string& report_id,
                                         const std::string& annotation_id) const;
  bool delete_annotation(const std::string& repo, const std::string& commit,
                         const std::string& report_id, const std::string& annotation_id);

  // {"ws/repo":{"COMMIT":{"REPORT_ID":{fields..., "annotations":{EXTERNAL_ID:{fields...}}}}}}
  Poco::JSON::Object::Ptr snapshot() const;

  void reset();

 private:
  struct Item {  // a report or an annotation
    std::string external_id, uuid, fields_json, created_on, updated_on;
  };
  struct Report {
    Item item;
    std::map<std::string, Item> annotations;  // by external id
  };
  using Reports = std::map<std::string, Report>;  // by external id

  Report* find_report(const std::string& repo, const std::string& commit, const std::string& id);
  const Report* find_report(const std::string& repo, const std::string& commit,
                            const std::string& id) const;
  static Item* find_annotation(Report& report, const std::string& id);
  static void upsert(Report& report, const std::string& external_id,
                     Poco::JSON::Object::Ptr fields);
  static Poco::JSON::Object::Ptr render(const Item& item, const char* type);

  bool keep_annotations_on_put_;
  mutable std::mutex mutex_;
  std::map<std::string, std::map<std::string, Reports>> reports_;  // repo -> commit -> reports
};

}  // namespace cib::sim
