#include "library_json.h"

#include "cli_errors.h"
#include "client_session.h"

namespace cib::cli {

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

}  // namespace cib::cli
