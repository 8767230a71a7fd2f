// Checks request bodies against the body schemas of an API description the simulator validates
// with (tests/forge-sim/specs/: bitbucket-cloud.json's OpenAPI 3 requestBody, gitlab.json's
// Swagger 2 `in: body` parameter, its hand-written x-docs-derived-paths included,
// bitbucket-dc.json's bodies of any media type): required fields, types, enums, patterns (searched,
// as JSON Schema does: DC writes its enums as "LOW|MEDIUM|HIGH"), minimum, maxLength,
// minItems/maxItems, and, stricter than the description, that every field is one the schema names.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <utility>
#include <vector>

#include "transport/http_types.h"

namespace cib::test {

class SpecCheck {
 public:
  // Loads tests/forge-sim/specs/`file` from the source tree; throws when it is missing.
  // `base_path` is what the description's paths hold before a request's target ("/api/v4"
  // for GitLab, whose targets are relative to the API URL). `aliases` rewrite the first
  // matching prefix of a target to the description's ({"/rest/", "/"} for Data Center, whose
  // paths leave out /rest).
  using Aliases = std::vector<std::pair<std::string, std::string>>;
  explicit SpecCheck(const std::string& file = "bitbucket-cloud.json",
                     const std::string& base_path = "", Aliases aliases = {});

  // Empty when the request names a documented operation and its body fits the schema; else
  // one line per problem.
  std::vector<std::string> problems(const HttpRequest& request) const;

 private:
  Poco::JSON::Object::Ptr paths_;
  std::string base_path_;
  Aliases aliases_;
};

// The check of Bitbucket Data Center requests: targets under /rest, the legacy
// /rest/build-status/1.0 read as the description's /build-status/latest.
SpecCheck data_center_spec();

}  // namespace cib::test
