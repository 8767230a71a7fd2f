// Small value helpers shared by the stores: timestamps, UUIDs, JSON copies.
#pragma once

#include <Poco/JSON/Object.h>

#include <string>

namespace cib::sim {

// The current time as Bitbucket writes it: ISO 8601 with fractional seconds, UTC.
std::string now_iso8601();

// A random UUID in braces, as Bitbucket Cloud shows them: "{6f1c...}".
std::string new_braced_uuid();

// A copy that shares nothing with `object` (Poco's JSON values share nested objects), without
// the fields the host sets itself.
Poco::JSON::Object::Ptr client_fields(const Poco::JSON::Object::Ptr& object);

Poco::JSON::Object::Ptr parse_object(const std::string& json);

// One path segment, percent-encoded ("ci/build" -> "ci%2Fbuild").
std::string encode_segment(const std::string& segment);

// "/repositories/WS/SLUG" for a decoded "ws/slug", each part encoded.
std::string repository_path(const std::string& repo);

// The string at `name`, or `fallback` when absent or not a string.
std::string string_field(const Poco::JSON::Object::Ptr& object, const std::string& name,
                         const std::string& fallback = "");

// A decimal id >= 1 (a comment's, a note's, a pull request's); false for anything else.
bool parse_positive_id(const std::string& text, long& id);

}  // namespace cib::sim
