// Pull-request comments. Ids are unique across the simulator, as on the host; a deleted
// comment stays visible with "deleted": true and can no longer be edited.
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace cib::sim {

class CommentStore {
 public:
  explicit CommentStore(std::string api_url);

  Poco::JSON::Object::Ptr create(const std::string& repo, long pull_request,
                                 const std::string& raw);

  // Null when the comment is unknown (deleted ones are returned).
  Poco::JSON::Object::Ptr get(const std::string& repo, long pull_request, long id) const;

  // Null when the comment is unknown or deleted.
  Poco::JSON::Object::Ptr update(const std::string& repo, long pull_request, long id,
                                 const std::string& raw);

  // False when the comment is unknown or already deleted.
  bool remove(const std::string& repo, long pull_request, long id);

  std::vector<Poco::JSON::Object::Ptr> list(const std::string& repo, long pull_request) const;

  // {"ws/repo":{"PR":[{id,raw,deleted}]}}
  Poco::JSON::Object::Ptr snapshot() const;

  void reset();

 private:
  struct Comment {
    long id = 0;
    std::string raw;
    bool deleted = false;
    std::string created_on, updated_on;
  };

  Poco::JSON::Object::Ptr render(const std::string& repo, long pull_request,
                                 const Comment& comment) const;

  std::string api_url_;
  mutable std::mutex mutex_;
  long last_id_ = 0;
  std::map<std::string, std::map<long, std::vector<Comment>>> comments_;  // repo -> PR -> list
};

}  // namespace cib::sim
