// Checks request bodies against the requestBody schemas of the Bitbucket Cloud API description
// the simulator validates with (tests/forge-sim/specs/bitbucket-cloud.json): required fields,
// types, enums, minimum, minItems/maxItems, and, stricter than the description, that every
// field is one the schema names.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "transport/http_types.h"

namespace cib::test {

class SpecCheck {
 public:
  SpecCheck();  // loads the description from the source tree; throws when it is missing

  // Empty when the request names a documented operation and its body fits the schema; else
  // one line per problem.
  std::vector<std::string> problems(const HttpRequest& request) const;

 private:
  Poco::JSON::Object::Ptr paths_;
};

}  // namespace cib::test
