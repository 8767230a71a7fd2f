// Build statuses per repository, commit and key.
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace cib::sim {

class StatusStore {
 public:
  // `api_url` ("http://127.0.0.1:PORT/2.0") is used for the links in answers.
  explicit StatusStore(std::string api_url);

  // Creates the status of body.key or overwrites every field of an existing one. A
  // personality whose host names states otherwise passes its word as body.host_state.
  Poco::JSON::Object::Ptr post(const std::string& repo, const std::string& commit,
                               const Poco::JSON::Object::Ptr& body);

  // Updates the fields present in `body`; null when the status does not exist.
  Poco::JSON::Object::Ptr update(const std::string& repo, const std::string& commit,
                                 const std::string& key, const Poco::JSON::Object::Ptr& body);

  Poco::JSON::Object::Ptr get(const std::string& repo, const std::string& commit,
                              const std::string& key) const;

  std::vector<Poco::JSON::Object::Ptr> list(const std::string& repo,
                                            const std::string& commit) const;

  // {"ws/repo":{"COMMIT":{"KEY":{state,name,url,description,refname[,host_state]}}}}
  Poco::JSON::Object::Ptr snapshot() const;

  void reset();

 private:
  struct Status {
    std::string key, state, name, url, description, refname, created_on, updated_on;
    std::string host_state;  // the host's own word for the state, when it has another
  };

  Poco::JSON::Object::Ptr render(const std::string& repo, const std::string& commit,
                                 const Status& status) const;

  std::string api_url_;
  mutable std::mutex mutex_;
  // repo -> commit -> key -> status
  std::map<std::string, std::map<std::string, std::map<std::string, Status>>> statuses_;
};

}  // namespace cib::sim
