// Reading the JSON the library hands out: copying it out of a function that fills the caller's
// buffer, and reading a field of it with a fallback.
#pragma once

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "cibatch.h"

namespace cib::cli {

// A cib_*_json function with its handle bound: (buf, buf_size, needed_out, errstr, errstr_size).
using JsonCall = std::function<cib_status(char*, std::size_t, std::size_t*, char*, std::size_t)>;

// Calls `call`, growing the buffer while the library says CIB_ERR_BUFFER_TOO_SMALL (what it
// describes may grow between calls). Throws CommandError with the library's message, or naming
// `what` when it keeps growing.
std::string library_json(const JsonCall& call, const std::string& what);

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
