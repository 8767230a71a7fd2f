#include "library_json.h"

#include <Poco/JSON/Parser.h>

#include "cibatch.hpp"
#include "cli_errors.h"

namespace cib::cli {

Poco::JSON::Object::Ptr json_object(const std::string& text, const std::string& what) {
  try {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    throw CommandError("the library's " + what + " is not a JSON object: " + text);
  }
}

std::string spool_report(const std::string& path, std::uint32_t flags) {
  try {
    return cibatch::spool_check(path, flags).json;
  } catch (const cibatch::Error& e) {
    throw CommandError(e.what());
  }
}

}  // namespace cib::cli
