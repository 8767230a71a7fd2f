// The request-body schemas of the operations the simulator serves, read from the vendor's
// API description (specs/bitbucket-cloud.json or specs/gitlab.json: OpenAPI 3 or Swagger 2
// bodies), with the description's known quirks relaxed.
#pragma once

#include <Poco/JSON/Object.h>

#include <map>
#include <set>
#include <string>

namespace cib::sim {

class SpecCatalog {
 public:
  // Reads the description; throws std::runtime_error naming the file when it cannot.
  static SpecCatalog load(const std::string& path);

  // The JSON schema of the operation's application/json request body, or null when the
  // operation takes none. `spec_path` is a key of the description's "paths".
  Poco::JSON::Object::Ptr request_schema(const std::string& method,
                                         const std::string& spec_path) const;

  // True when the operation's requestBody says `required: false`: it may come without one.
  bool body_optional(const std::string& method, const std::string& spec_path) const;

 private:
  void add_paths(const Poco::JSON::Object::Ptr& paths);

  std::map<std::string, Poco::JSON::Object::Ptr> schemas_;  // "METHOD path" -> schema
  std::set<std::string> optional_bodies_;                   // "METHOD path"
};

}  // namespace cib::sim
