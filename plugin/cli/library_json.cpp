#include "library_json.h"

#include <Poco/JSON/Parser.h>

#include "cli_errors.h"
#include "client_session.h"

namespace cib::cli {
namespace {

bool is_spool_status(cib_status status) {
  return status >= CIB_ERR_SPOOL && status < CIB_ERR_QUEUE_FULL;
}

}  // namespace

std::string library_json(const JsonCall& call, const std::string& what) {
  char err[kErrstrSize] = "";
  std::string buf(4096, '\0');
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::size_t needed = 0;
    const cib_status status = call(buf.data(), buf.size(), &needed, err, sizeof err);
    if (status == CIB_ERR_BUFFER_TOO_SMALL && needed > buf.size()) {
      buf.assign(needed, '\0');
      continue;
    }
    check(status, err);
    return std::string(buf.c_str());
  }
  throw CommandError("the library's " + what + " kept growing past the buffer");
}

Poco::JSON::Object::Ptr json_object(const std::string& text, const std::string& what) {
  try {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    throw CommandError("the library's " + what + " is not a JSON object: " + text);
  }
}

std::string spool_report(const std::string& path, std::uint32_t flags) {
  const char* path_arg = path.empty() ? nullptr : path.c_str();
  char err[kErrstrSize] = "";
  // Generous from the start: a repair that moved the file and then found the buffer too small
  // would, called again, find no file and could no longer say where it went.
  std::string buf(65536, '\0');
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::size_t needed = 0;
    const cib_status status =
        cib_spool_check(path_arg, flags, buf.data(), buf.size(), &needed, err, sizeof err);
    if (status == CIB_ERR_BUFFER_TOO_SMALL && needed > buf.size()) {
      buf.assign(needed, '\0');
      continue;
    }
    std::string report(buf.c_str());
    if (status == CIB_OK || (is_spool_status(status) && !report.empty())) return report;
    check(status, err);
  }
  throw CommandError("the library's spool report kept growing past the buffer");
}

}  // namespace cib::cli
