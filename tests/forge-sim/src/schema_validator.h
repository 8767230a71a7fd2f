// A JSON-schema validator for the subset the Bitbucket descriptions use: type, properties,
// required, enum, items, minItems, maxItems, allOf, additionalProperties: false, minimum,
// maxLength (in characters), pattern, and format "uri" (loosely: a scheme and no white space).
#pragma once

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <string>

namespace cib::sim {

// Returns an empty string when `value` satisfies `schema`, else the first violation as
// "<json path>: <what is wrong>" (the path starts with "$").
std::string validate_against_schema(const Poco::JSON::Object::Ptr& schema,
                                    const Poco::Dynamic::Var& value);

}  // namespace cib::sim
