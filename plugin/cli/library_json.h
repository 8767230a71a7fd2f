// Reading the JSON the library hands out: the spool's report, and a field of any of them with a
// fallback.
#pragma once

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace cib::cli {

// cib_spool_check's JSON report on the spool at path ("" the default location). A spool status
// comes with a report that says why and is returned; any other failure is a CommandError.
std::string spool_report(const std::string& path, std::uint32_t flags);

// text parsed as a JSON object; CommandError naming `what` when it is not one.
Poco::JSON::Object::Ptr json_object(const std::string& text, const std::string& what);

// The key's value, or fallback when it is absent, null or of another type.
template <typename T>
T json_field(const Poco::JSON::Object::Ptr& json, const std::string& key, T fallback) {
  try {
    if (json->has(key) && !json->isNull(key)) return json->getValue<T>(key);
  } catch (const Poco::Exception&) {
  }
  return fallback;
}

}  // namespace cib::cli
